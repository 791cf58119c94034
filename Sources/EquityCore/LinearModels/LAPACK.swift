import CLinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's LAPACK, loaded on first use.
///
/// Loading it lazily (`dlopen`) rather than linking it means OpenBLAS's start-up code runs only
/// in commands that need linear algebra, and only after `OPENBLAS_NUM_THREADS` is set to 1
/// (unless the user has set it): OpenBLAS otherwise starts a thread pool at load time, which
/// hangs at exit under a tight address-space limit, and Equity parallelises its own work.
enum LAPACK {
    struct Routines {
        let dgelsd: equity_dgelsd_fn
        let dsyev: equity_dsyev_fn
        let dpotrf: equity_dpotrf_fn
        let dpotri: equity_dpotri_fn
    }

    /// Candidate library names, most specific first.
    static let libraryNames = ["liblapack.so.3", "liblapack.so", "libopenblas.so.0", "libopenblas.so"]

    nonisolated(unsafe) private static var loaded: Result<Routines, EquityError>?
    private static let lock = PThreadMutex()

    /// The routines, or an error saying what to install.
    static func routines() throws -> Routines {
        try lock.withLock { () throws -> Routines in
            if let loaded { return try loaded.get() }
            let result = load()
            loaded = result
            return try result.get()
        }
    }

    private static func load() -> Result<Routines, EquityError> {
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        var handle: UnsafeMutableRawPointer? = nil
        for name in libraryNames {
            handle = dlopen(name, RTLD_NOW | RTLD_LOCAL)
            if handle != nil { break }
        }
        guard let handle else {
            return .failure(.unusableData("LAPACK is not installed (looked for \(libraryNames.joined(separator: ", "))); on Debian/Ubuntu: apt-get install liblapack3 libopenblas0"))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let p = dlsym(handle, name) else { return nil }
            return unsafeBitCast(p, to: type)
        }
        guard let dgelsd = symbol("dgelsd_", as: equity_dgelsd_fn.self),
              let dsyev = symbol("dsyev_", as: equity_dsyev_fn.self),
              let dpotrf = symbol("dpotrf_", as: equity_dpotrf_fn.self),
              let dpotri = symbol("dpotri_", as: equity_dpotri_fn.self) else {
            return .failure(.unusableData("the LAPACK library found lacks dgelsd/dsyev/dpotrf/dpotri"))
        }
        return .success(Routines(dgelsd: dgelsd, dsyev: dsyev, dpotrf: dpotrf, dpotri: dpotri))
    }
}
