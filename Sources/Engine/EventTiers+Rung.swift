/// Cutting the waiting events into a new rung (see ``EventTiers``).
extension EventTiers {
    /// Files the events of `waiting` into a new rung — the first bucket's into the (empty) heap, the
    /// others bucket by bucket into the pool — and takes its buffer, which becomes the pool. Returns
    /// false, changing nothing, when the finite times span no interval (all equal, or too wide for a
    /// Double).
    ///
    /// A rung under 64 × ``spillThreshold`` events is linked where its events are
    /// (``linkInPlace(_:)``), with fine buckets. A larger one is laid out by a counting sort in two
    /// levels, in place: an American flag sort moves every event into its
    /// group of 2^k consecutive buckets (k ≥ 8, at most 4,096 groups; the heap's events first, the
    /// top's last), then each group, copied to a small scratch buffer, is sorted back into its
    /// buckets. Two passes over a few thousand streams each keep the accesses in cache where one
    /// pass over 10^6 buckets would miss on every event, and working in place touches no fresh
    /// memory (zeroing new pages cost a sixth of a bulk load).
    mutating func cutRung(from waiting: inout RawArray<Node>) -> Bool {
        var low = SimTime.infinity, high = -SimTime.infinity
        for node in waiting.elements {
            let time = node.time
            if time.isFinite { low = min(low, time); high = max(high, time) }
        }
        guard low < high else { return false }
        // A rung whose pool stays in cache is linked in place with fine buckets (most hold one event,
        // so refills and pops take few mispredicted branches); a large one is sorted into coarser ones.
        let small = waiting.count < 64 * spillThreshold
        let perEvent = small ? 32 : 8
        let width = bucketWidth(waiting, span: high - low, load: small ? bucketLoad / 8 : bucketLoad, perEvent: perEvent)
        let bucketCount = Int(((high - low) / width).rounded(.down)) + 1
        guard width > 0, (1 / width).isFinite, bucketCount <= perEvent * waiting.count + 64 else { return false }
        isSpilled = true
        base = low
        scale = 1 / width
        current = 0
        limit = Double(bucketCount)
        heads.resize(bucketCount)   // before the first bucket(of:), which reads the count
        occupied.resize((bucketCount + 63) / 64)
        occupied.elements.update(repeating: 0)
        if small {
            linkInPlace(&waiting)
            return true
        }
        let shift = max(8, Int.bitWidth - (bucketCount - 1).leadingZeroBitCount - 12)
        // Class 0 is the heap's events, 1 + g group g's, the last the top's.
        let last = (bucketCount - 1) >> shift + 2
        var ends = [Int](repeating: 0, count: last + 1)
        for node in waiting.elements { ends[rungClass(node.time, shift: shift, last: last)] &+= 1 }
        var next = [Int](repeating: 0, count: last + 1)
        var total = 0
        for c in 0...last {
            next[c] = total
            total += ends[c]
            ends[c] = total
        }
        for c in 0...last {
            while next[c] < ends[c] {
                var node = waiting[next[c]]
                var k = rungClass(node.time, shift: shift, last: last)
                while k != c {
                    // Put the event in its class's next place and carry on with the one it displaces.
                    let slot = next[k]
                    next[k] = slot + 1
                    swap(&node, &waiting.base[slot])
                    k = rungClass(node.time, shift: shift, last: last)
                }
                waiting[next[c]] = node
                next[c] += 1
            }
        }
        let first = ends[0], end = ends[last - 1]
        for slot in 0..<first { heap.append(waiting[slot]) }
        top.reserve(waiting.count - end)
        for slot in end..<waiting.count { top.append(waiting[slot]) }
        swap(&pool, &waiting)   // the old pool's buffer is freed with `waiting`
        links.resize(pool.count)
        heads.elements.update(repeating: -1)   // for the groups without events
        var scratch = RawArray<Node>()
        for c in 1..<last where ends[c] > ends[c - 1] {
            let start = ends[c - 1]
            scratch.removeAll()
            for slot in start..<ends[c] { scratch.append(pool[slot]) }
            let g = c - 1
            file(scratch.elements[...], into: max(1, g << shift)..<min(bucketCount, (g + 1) << shift), at: Int32(start))
        }
        // The slots the heap's and the top's events left are free.
        free = -1
        for slot in (0..<first).reversed() + (end..<pool.count).reversed() {
            links[slot] = free
            free = Int32(slot)
        }
        bucketed = end - first
        heapify()
        return true
    }

    /// Files the events of `waiting` where they are: its buffer becomes the pool, each bucket's list
    /// links its events' slots, and the slots of the events that go to the heap or the top are free.
    mutating func linkInPlace(_ waiting: inout RawArray<Node>) {
        swap(&pool, &waiting)   // the old pool's buffer is freed with `waiting`
        links.resize(pool.count)
        heads.elements.update(repeating: -1)
        free = -1
        bucketed = 0
        for slot in 0..<pool.count {
            let node = pool[slot], b = bucket(of: node.time)
            if b > 0 && b < heads.count {
                links[slot] = heads[b]
                heads[b] = Int32(slot)
                occupied[b >> 6] |= 1 << UInt64(b & 63)
                bucketed += 1
            } else {
                if b <= 0 { heap.append(node) } else { top.append(node) }
                links[slot] = free
                free = Int32(slot)
            }
        }
        heapify()
    }

    /// The class of a time in ``cutRung(from:)``: 0 for the heap, 1 + g for group g, `last` for the top.
    @inline(__always)
    func rungClass(_ time: SimTime, shift: Int, last: Int) -> Int {
        let b = bucket(of: time)
        return b <= 0 ? 0 : b >= heads.count ? last : 1 + b >> shift
    }

    /// Files `events`, all in `buckets`, into the pool from slot `start` on, bucket by bucket, and
    /// sets those buckets' heads, links and bits.
    mutating func file(_ events: Slice<UnsafeMutableBufferPointer<Node>>, into buckets: Range<Int>, at start: Int32) {
        for b in buckets { heads[b] = 0 }
        for node in events { heads[bucket(of: node.time)] &+= 1 }
        var end = start
        for b in buckets {
            end += heads[b]
            heads[b] = end
        }
        for node in events {
            let b = bucket(of: node.time), slot = heads[b] - 1
            heads[b] = slot
            pool[Int(slot)] = node
        }
        // Each slot links to the next, then each bucket's last slot ends its list. Slot
        // `heads[b + 1] − 1` is the last slot of the latest non-empty bucket up to b whether or not b
        // is empty, so the end marks need no branch on emptiness (a mispredicted branch per bucket
        // cost more than the rest of the cut).
        for slot in start..<end { links[Int(slot)] = slot + 1 }
        var word = 0, bits: UInt64 = 0
        for b in buckets {
            let first = heads[b], last = b + 1 < buckets.upperBound ? heads[b + 1] : end
            if last > 0 { links[Int(last) - 1] = -1 }
            heads[b] = first < last ? first : -1
            if b >> 6 != word {
                occupied[word] |= bits
                word = b >> 6
                bits = 0
            }
            bits |= UInt64(unsafeBitCast(first < last, to: UInt8.self)) << UInt64(b & 63)
        }
        occupied[word] |= bits
    }

    /// The width of a new rung's buckets: `load` events per bucket where the events are densest near
    /// the front — estimated from an evenly strided sample of `waiting`, whose ninth smallest time is
    /// about 8/s of the way into the events — but at least `span` / (`perEvent`·count), so that the
    /// rung covers every waiting event with at most `perEvent` buckets per event.
    ///
    /// A queue whose events keep arriving at about the rate they leave (a "hold" model) has them
    /// bunched near the front: sizing the buckets by the average density would put several events
    /// in every bucket that reaches the heap.
    func bucketWidth(_ waiting: borrowing RawArray<Node>, span: SimTime, load: Double, perEvent: Int) -> SimTime {
        let n = waiting.count
        let stride = max(1, n / 64)
        var sample = Swift.stride(from: 0, to: n, by: stride).map { waiting[$0].time }.filter(\.isFinite)
        let floor = span / Double(perEvent * n)
        guard sample.count > 8 else { return max(floor, span / Double(n) * load) }
        sample.sort()
        let front = (sample[8] - sample[0]) / (8 * Double(stride))
        return max(floor, front * load)
    }
}

