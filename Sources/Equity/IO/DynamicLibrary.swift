#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system library loaded at run time (`dlopen`), for the optional C libraries Equity uses only
/// when a command needs them (libxlsxwriter, GDAL, librsvg/cairo): Equity builds and runs
/// without them.
struct DynamicLibrary {
    let handle: UnsafeMutableRawPointer

    /// The first of `names` that loads, or nil.
    init?(_ names: [String]) {
        for name in names {
            if let h = dlopen(name, RTLD_NOW | RTLD_LOCAL) { handle = h; return }
        }
        return nil
    }

    /// A C function of the library as `T` (a `@convention(c)` type), or nil when missing.
    func symbol<T>(_ name: String, _: T.Type) -> T? {
        guard let p = dlsym(handle, name) else { return nil }
        return unsafeBitCast(p, to: T.self)
    }
}
