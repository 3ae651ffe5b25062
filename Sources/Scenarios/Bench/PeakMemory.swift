#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The process's peak resident set size, for `sim bench`'s `peakRSSBytes`.
///
/// On Linux the peak is `VmHWM` in `/proc/self/status`, and writing `5` to `/proc/self/clear_refs`
/// resets it (Linux >= 4.0), so each workload reports its own peak. Elsewhere it is `getrusage`'s
/// `ru_maxrss`, which cannot be reset: the peak of everything run so far.
public enum PeakMemory {
    /// Resets the high-water mark; false when the system cannot (the peak then covers earlier work).
    /// Free heap memory is first handed back to the system (`malloc_trim`), or memory an earlier
    /// workload freed but the allocator kept would count as resident in the next one's peak.
    @discardableResult
    public static func reset() -> Bool {
        trimHeap()
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
    }

    /// glibc's `malloc_trim(0)`, looked up at run time (it is not in the Glibc module); nothing elsewhere.
    private static func trimHeap() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {  // RTLD_DEFAULT
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }

    /// User plus system CPU seconds of the whole process so far (all threads), from `getrusage`.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The peak resident set size in bytes since start or the last successful ``reset()``.
    public static func peakBytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
            }
        }
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)  // bytes on Darwin
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024  // KiB on Linux
        #endif
    }
}
