/// The heap tier: a 4-ary min-heap over `heap` in `(time, priority, sequence)` order (
/// a hand-written heap over one contiguous buffer).
/// The methods are `mutating` although they write only through the buffer pointer: a non-mutating
/// method would get a copy of the whole ``EventTiers`` value on every call.
extension EventTiers {
    /// Moves the event at offset `start` up to its place (after an append).
    @inlinable
    mutating func siftUp(_ start: Int) {
        climb(heap[start], from: start)
    }

    /// Stores `moving` at the empty slot `hole` or above it: parents it precedes move down into the
    /// slot, one level at a time.
    @inlinable @inline(__always)
    mutating func climb(_ moving: Node, from hole: Int) {
        let base = heap.base
        var hole = hole
        while hole > 0 {
            let parent = (hole &- 1) &>> 2
            guard Node.precedes(moving, base[parent]) else { break }
            base[hole] = base[parent]
            hole = parent
        }
        base[hole] = moving
    }

    /// Fills the root with `moving`, bottom-up (Wegener): the hole at the root follows the smallest
    /// child down to a leaf, then `moving` climbs back from there. The element taken from the end of the
    /// heap usually belongs near the bottom, so this saves the comparison with `moving` at every level.
    @inlinable
    mutating func siftDown(_ moving: Node) {
        let base = heap.base, count = heap.count
        var hole = 0, first = 1
        while first &+ 3 < count {
            // A tournament over four children: two independent comparisons, then one; the winner
            // is picked by arithmetic on the comparison bits, not by branches.
            let left = first &+ Node.precedesBit(base[first &+ 1], base[first])
            let right = first &+ 2 &+ Node.precedesBit(base[first &+ 3], base[first &+ 2])
            let best = left &+ ((right &- left) & (0 &- Node.precedesBit(base[right], base[left])))
            base[hole] = base[best]
            hole = best
            first = best &* 4 &+ 1
        }
        if first < count {
            // The last, partial family; the chosen child has no children of its own.
            var best = first, child = first &+ 1
            while child < count {
                if Node.precedes(base[child], base[best]) { best = child }
                child &+= 1
            }
            base[hole] = base[best]
            hole = best
        }
        climb(moving, from: hole)
    }

    /// Floyd's bottom-up heap construction over the whole heap buffer, O(n).
    @usableFromInline
    mutating func heapify() {
        let base = heap.base, count = heap.count
        guard count > 1 else { return }
        for start in stride(from: (count - 2) / 4, through: 0, by: -1) {
            var parent = start
            let moving = base[parent]
            while true {
                let first = 4 * parent + 1
                guard first < count else { break }
                var best = first
                for child in first + 1..<min(first + 4, count) where Node.precedes(base[child], base[best]) { best = child }
                guard Node.precedes(base[best], moving) else { break }
                base[parent] = base[best]
                parent = best
            }
            base[parent] = moving
        }
    }
}
