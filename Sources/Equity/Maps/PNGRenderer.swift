#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PNG images of Equity's SVG maps and charts, rendered by librsvg onto a cairo image surface
/// (GNOME's maintained SVG renderer and the 2D library under it; Debian `librsvg2-2`,
/// `libcairo2`, from `librsvg2-dev`), loaded with `dlopen` on first use so that Equity builds
/// and runs without them: only PNG output needs them.
public enum PNGRenderer {
    typealias Pointer = OpaquePointer
    typealias WriteFunction = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt32) -> Int32

    struct API {
        let newFromData: @convention(c) (UnsafePointer<UInt8>, Int, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Pointer?
        let renderDocument: @convention(c) (Pointer, Pointer, UnsafeRawPointer, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32
        let unref: @convention(c) (Pointer) -> Void
        let surfaceCreate: @convention(c) (Int32, Int32, Int32) -> Pointer?
        let create: @convention(c) (Pointer) -> Pointer?
        let destroy: @convention(c) (Pointer) -> Void
        let surfaceDestroy: @convention(c) (Pointer) -> Void
        let surfaceStatus: @convention(c) (Pointer) -> Int32
        let writePNGStream: @convention(c) (Pointer, WriteFunction, UnsafeMutableRawPointer?) -> Int32
    }

    nonisolated(unsafe) static var loaded: API?? = nil
    static let lock = PThreadMutex()

    static func load() -> API? { lock.withLock { loadLocked() } }

    static func loadLocked() -> API? {
        if let loaded { return loaded }
        guard let rsvg = DynamicLibrary(["librsvg-2.so.2", "librsvg-2.so", "librsvg-2.2.dylib"]),
              let cairo = DynamicLibrary(["libcairo.so.2", "libcairo.so", "libcairo.2.dylib"]),
              let gobject = DynamicLibrary(["libgobject-2.0.so.0", "libgobject-2.0.so", "libgobject-2.0.0.dylib"])
        else { loaded = .some(nil); return nil }
        func symbol<T>(_ library: DynamicLibrary, _ name: String, _ type: T.Type) -> T? { library.symbol(name, type) }
        typealias E = UnsafeMutablePointer<UnsafeMutableRawPointer?>?
        guard let newFromData = symbol(rsvg, "rsvg_handle_new_from_data", (@convention(c) (UnsafePointer<UInt8>, Int, E) -> Pointer?).self),
              let renderDocument = symbol(rsvg, "rsvg_handle_render_document", (@convention(c) (Pointer, Pointer, UnsafeRawPointer, E) -> Int32).self),
              let unref = symbol(gobject, "g_object_unref", (@convention(c) (Pointer) -> Void).self),
              let surfaceCreate = symbol(cairo, "cairo_image_surface_create", (@convention(c) (Int32, Int32, Int32) -> Pointer?).self),
              let create = symbol(cairo, "cairo_create", (@convention(c) (Pointer) -> Pointer?).self),
              let destroy = symbol(cairo, "cairo_destroy", (@convention(c) (Pointer) -> Void).self),
              let surfaceDestroy = symbol(cairo, "cairo_surface_destroy", (@convention(c) (Pointer) -> Void).self),
              let surfaceStatus = symbol(cairo, "cairo_surface_status", (@convention(c) (Pointer) -> Int32).self),
              let writePNGStream = symbol(cairo, "cairo_surface_write_to_png_stream", (@convention(c) (Pointer, WriteFunction, UnsafeMutableRawPointer?) -> Int32).self)
        else { loaded = .some(nil); return nil }
        let api = API(newFromData: newFromData, renderDocument: renderDocument, unref: unref, surfaceCreate: surfaceCreate, create: create,
                      destroy: destroy, surfaceDestroy: surfaceDestroy, surfaceStatus: surfaceStatus, writePNGStream: writePNGStream)
        loaded = .some(api)
        return api
    }

    /// Whether librsvg and cairo can be loaded on this machine.
    public static var isAvailable: Bool { load() != nil }

    /// The PNG of an SVG document of `width` × `height` CSS pixels, drawn at `scale` (2 gives a
    /// sharp image on high-density screens and in print).
    public static func png(svg: String, width: Int, height: Int, scale: Double = 2) throws -> ByteWriter {
        guard let api = load() else {
            throw EquityError.invalidArgument("PNG output needs librsvg and cairo (Debian: apt-get install librsvg2-2, or librsvg2-dev); SVG needs nothing")
        }
        let w = Int32((Double(width) * scale).rounded()), h = Int32((Double(height) * scale).rounded())
        guard w > 0, h > 0, Int(w) * Int(h) <= 400_000_000 else { throw EquityError.invalidArgument("a \(w) × \(h) pixel PNG is too large") }
        var bytes = Array(svg.utf8)
        guard let handle = bytes.withUnsafeMutableBufferPointer({ (b: inout UnsafeMutableBufferPointer<UInt8>) -> Pointer? in
            api.newFromData(b.baseAddress!, b.count, nil)
        }) else {
            throw EquityError.invalidArgument("librsvg could not read the SVG")
        }
        defer { api.unref(handle) }
        guard let surface = api.surfaceCreate(0 /* CAIRO_FORMAT_ARGB32 */, w, h), api.surfaceStatus(surface) == 0 else {
            throw EquityError.invalidArgument("cairo could not make a \(w) × \(h) image")
        }
        defer { api.surfaceDestroy(surface) }
        guard let cr = api.create(surface) else { throw EquityError.invalidArgument("cairo could not draw") }
        // RsvgRectangle: x, y, width, height as doubles.
        let viewport: [Double] = [0, 0, Double(w), Double(h)]
        let ok = viewport.withUnsafeBytes { api.renderDocument(handle, cr, $0.baseAddress!, nil) }
        api.destroy(cr)
        guard ok != 0 else { throw EquityError.invalidArgument("librsvg could not render the SVG") }
        let out = ByteWriter()
        let box = Unmanaged.passRetained(out)
        defer { box.release() }
        let status = api.writePNGStream(surface, { closure, data, length in
            guard let closure, let data else { return 11 /* CAIRO_STATUS_WRITE_ERROR */ }
            Unmanaged<ByteWriter>.fromOpaque(closure).takeUnretainedValue().append(bytes: data, count: Int(length))
            return 0
        }, box.toOpaque())
        guard status == 0 else { throw EquityError.invalidArgument("cairo could not encode the PNG (status \(status))") }
        return out
    }

    /// The pixel size an Equity SVG declares in its root element.
    public static func size(ofSVG svg: String) -> (width: Int, height: Int)? {
        guard let open = svg.firstRange(of: "<svg") else { return nil }
        let head = svg[open.lowerBound...].prefix(400)
        func attribute(_ name: String) -> Int? {
            guard let r = head.firstRange(of: " \(name)=\"") else { return nil }
            return Int(head[r.upperBound...].prefix { $0 != "\"" })
        }
        guard let w = attribute("width"), let h = attribute("height") else { return nil }
        return (w, h)
    }
}
