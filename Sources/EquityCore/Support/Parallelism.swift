#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads Equity's parallel kernels use.
public enum Parallelism {
    /// The number of threads for parallel work: the machine's online cores, or the
    /// `EQUITY_THREADS` environment variable when set (results never depend on it: randomised
    /// methods draw from fixed streams per fixed work unit).
    public static var threads: Int {
        if let s = getenv("EQUITY_THREADS"), let n = Int(String(cString: s)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
