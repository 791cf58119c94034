#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shapefiles (.shp with its .dbf/.shx/.prj) and GeoPackages read through GDAL/OGR (Debian's
/// `libgdal32`, from `libgdal-dev`), loaded with `dlopen` on first use so that Equity builds and
/// runs without it: only these formats need it; GeoJSON keeps its own fast reader.
///
/// GDAL is the maintained reference implementation of both formats (every ONS download opens in
/// it, and R's sf and Python's geopandas read through it); shapelib would cover shapefiles only
/// and a GeoPackage reader would need SQLite plus its own geometry-blob decoder.
///
/// Coordinates are read as stored: nothing is reprojected. The layer's coordinate reference
/// system is reported (`crs`), and whether it is geographic (longitude/latitude).
public enum GDALReader {
    typealias Handle = OpaquePointer

    struct API {
        let allRegister: @convention(c) () -> Void
        let openEx: @convention(c) (UnsafePointer<CChar>, UInt32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?,
                                    UnsafePointer<UnsafePointer<CChar>?>?) -> Handle?
        let close: @convention(c) (Handle) -> Void
        let layerCount: @convention(c) (Handle) -> Int32
        let layer: @convention(c) (Handle, Int32) -> Handle?
        let layerName: @convention(c) (Handle) -> UnsafePointer<CChar>?
        let spatialRef: @convention(c) (Handle) -> Handle?
        let layerDefn: @convention(c) (Handle) -> Handle?
        let fieldCount: @convention(c) (Handle) -> Int32
        let fieldDefn: @convention(c) (Handle, Int32) -> Handle?
        let fieldName: @convention(c) (Handle) -> UnsafePointer<CChar>?
        let resetReading: @convention(c) (Handle) -> Void
        let nextFeature: @convention(c) (Handle) -> Handle?
        let fieldAsString: @convention(c) (Handle, Int32) -> UnsafePointer<CChar>?
        let fieldIsSet: @convention(c) (Handle, Int32) -> Int32
        let geometry: @convention(c) (Handle) -> Handle?
        let destroyFeature: @convention(c) (Handle) -> Void
        let geometryType: @convention(c) (Handle) -> UInt32
        let geometryCount: @convention(c) (Handle) -> Int32
        let subGeometry: @convention(c) (Handle, Int32) -> Handle?
        let pointCount: @convention(c) (Handle) -> Int32
        let getX: @convention(c) (Handle, Int32) -> Double
        let getY: @convention(c) (Handle, Int32) -> Double
        let authorityName: @convention(c) (Handle, UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
        let authorityCode: @convention(c) (Handle, UnsafePointer<CChar>?) -> UnsafePointer<CChar>?
        let srsName: @convention(c) (Handle) -> UnsafePointer<CChar>?
        let isGeographic: @convention(c) (Handle) -> Int32
        let lastErrorMessage: @convention(c) () -> UnsafePointer<CChar>?
    }

    nonisolated(unsafe) static var loaded: API?? = nil
    static let lock = PThreadMutex()

    static func load() -> API? { lock.withLock { loadLocked() } }

    static func loadLocked() -> API? {
        if let loaded { return loaded }
        guard let library = DynamicLibrary(["libgdal.so", "libgdal.so.36", "libgdal.so.35", "libgdal.so.34", "libgdal.so.33", "libgdal.so.32",
                                            "libgdal.so.30", "libgdal.dylib"])
        else { loaded = .some(nil); return nil }
        func symbol<T>(_ name: String, _ type: T.Type) -> T? { library.symbol(name, type) }
        typealias S = UnsafePointer<CChar>
        guard let allRegister = symbol("GDALAllRegister", (@convention(c) () -> Void).self),
              let openEx = symbol("GDALOpenEx", (@convention(c) (S, UInt32, UnsafePointer<S?>?, UnsafePointer<S?>?, UnsafePointer<S?>?) -> Handle?).self),
              let close = symbol("GDALClose", (@convention(c) (Handle) -> Void).self),
              let layerCount = symbol("GDALDatasetGetLayerCount", (@convention(c) (Handle) -> Int32).self),
              let layer = symbol("GDALDatasetGetLayer", (@convention(c) (Handle, Int32) -> Handle?).self),
              let layerName = symbol("OGR_L_GetName", (@convention(c) (Handle) -> S?).self),
              let spatialRef = symbol("OGR_L_GetSpatialRef", (@convention(c) (Handle) -> Handle?).self),
              let layerDefn = symbol("OGR_L_GetLayerDefn", (@convention(c) (Handle) -> Handle?).self),
              let fieldCount = symbol("OGR_FD_GetFieldCount", (@convention(c) (Handle) -> Int32).self),
              let fieldDefn = symbol("OGR_FD_GetFieldDefn", (@convention(c) (Handle, Int32) -> Handle?).self),
              let fieldName = symbol("OGR_Fld_GetNameRef", (@convention(c) (Handle) -> S?).self),
              let resetReading = symbol("OGR_L_ResetReading", (@convention(c) (Handle) -> Void).self),
              let nextFeature = symbol("OGR_L_GetNextFeature", (@convention(c) (Handle) -> Handle?).self),
              let fieldAsString = symbol("OGR_F_GetFieldAsString", (@convention(c) (Handle, Int32) -> S?).self),
              let fieldIsSet = symbol("OGR_F_IsFieldSetAndNotNull", (@convention(c) (Handle, Int32) -> Int32).self),
              let geometry = symbol("OGR_F_GetGeometryRef", (@convention(c) (Handle) -> Handle?).self),
              let destroyFeature = symbol("OGR_F_Destroy", (@convention(c) (Handle) -> Void).self),
              let geometryType = symbol("OGR_G_GetGeometryType", (@convention(c) (Handle) -> UInt32).self),
              let geometryCount = symbol("OGR_G_GetGeometryCount", (@convention(c) (Handle) -> Int32).self),
              let subGeometry = symbol("OGR_G_GetGeometryRef", (@convention(c) (Handle, Int32) -> Handle?).self),
              let pointCount = symbol("OGR_G_GetPointCount", (@convention(c) (Handle) -> Int32).self),
              let getX = symbol("OGR_G_GetX", (@convention(c) (Handle, Int32) -> Double).self),
              let getY = symbol("OGR_G_GetY", (@convention(c) (Handle, Int32) -> Double).self),
              let authorityName = symbol("OSRGetAuthorityName", (@convention(c) (Handle, S?) -> S?).self),
              let authorityCode = symbol("OSRGetAuthorityCode", (@convention(c) (Handle, S?) -> S?).self),
              let srsName = symbol("OSRGetName", (@convention(c) (Handle) -> S?).self),
              let isGeographic = symbol("OSRIsGeographic", (@convention(c) (Handle) -> Int32).self),
              let lastErrorMessage = symbol("CPLGetLastErrorMsg", (@convention(c) () -> S?).self)
        else { loaded = .some(nil); return nil }
        allRegister()
        let api = API(allRegister: allRegister, openEx: openEx, close: close, layerCount: layerCount, layer: layer, layerName: layerName,
                      spatialRef: spatialRef, layerDefn: layerDefn, fieldCount: fieldCount, fieldDefn: fieldDefn, fieldName: fieldName,
                      resetReading: resetReading, nextFeature: nextFeature, fieldAsString: fieldAsString, fieldIsSet: fieldIsSet,
                      geometry: geometry, destroyFeature: destroyFeature, geometryType: geometryType, geometryCount: geometryCount,
                      subGeometry: subGeometry, pointCount: pointCount, getX: getX, getY: getY, authorityName: authorityName,
                      authorityCode: authorityCode, srsName: srsName, isGeographic: isGeographic, lastErrorMessage: lastErrorMessage)
        loaded = .some(api)
        return api
    }

    /// Whether GDAL can be loaded on this machine.
    public static var isAvailable: Bool { load() != nil }

    /// What was read: the polygons, the declared CRS ("EPSG:27700 (OSGB36 / British National
    /// Grid)", or "none declared"), and whether the coordinates are longitude/latitude.
    public struct Result {
        /// The polygons and their attributes (as text).
        public var layer: PolygonLayer
        /// The declared coordinate reference system, in words.
        public var crs: String
        /// Whether the CRS is geographic (nil when none is declared).
        public var geographic: Bool?
    }

    /// Reads the first layer (or the layer named `layerName`) of a Shapefile or GeoPackage.
    /// Polygon, MultiPolygon, Point and MultiPoint features (Z/M dropped); any other geometry is an error
    /// naming the feature; a feature without geometry is an error too (nothing is dropped).
    public static func read(path: String, layerName wanted: String? = nil) throws -> Result {
        guard let api = load() else {
            throw EquityError.invalidArgument("reading \(path) needs GDAL (Debian: apt-get install libgdal32, or libgdal-dev); GeoJSON needs nothing")
        }
        return try lock.withLock {
            guard let ds = path.withCString({ api.openEx($0, 0x04 /* GDAL_OF_VECTOR */, nil, nil, nil) }) else {
                let why = api.lastErrorMessage().map { String(cString: $0) } ?? ""
                throw EquityError.invalidArgument("cannot open \(path) as a vector dataset\(why.isEmpty ? "" : ": " + why)")
            }
            defer { api.close(ds) }
            let n = api.layerCount(ds)
            guard n > 0 else { throw EquityError.invalidArgument("\(path) has no layers") }
            var lyr: Handle? = nil
            var names: [String] = []
            for i in 0..<n {
                guard let l = api.layer(ds, i) else { continue }
                let name = api.layerName(l).map { String(cString: $0) } ?? ""
                names.append(name)
                if lyr == nil && (wanted == nil || wanted == name) { lyr = l }
            }
            guard let lyr else { throw EquityError.invalidArgument("\(path) has no layer '\(wanted ?? "")' (layers: \(names.joined(separator: ", ")))") }
            // The CRS as declared.
            var crs = "none declared"
            var geographic: Bool? = nil
            if let srs = api.spatialRef(lyr) {
                let auth = api.authorityName(srs, nil).map { String(cString: $0) }
                let code = api.authorityCode(srs, nil).map { String(cString: $0) }
                let name = api.srsName(srs).map { String(cString: $0) } ?? "unnamed"
                crs = (auth != nil && code != nil) ? "\(auth!):\(code!) (\(name))" : name
                geographic = api.isGeographic(srs) != 0
            }
            var out = PolygonLayer()
            out.fileName = path
            out.declaresLonLat = geographic == true
            guard let defn = api.layerDefn(lyr) else { throw EquityError.invalidArgument("\(path): the layer has no definition") }
            let fields = (0..<api.fieldCount(defn)).map { i in api.fieldDefn(defn, i).flatMap { api.fieldName($0) }.map { String(cString: $0) } ?? "field\(i)" }
            var values = [[String]](repeating: [], count: fields.count)
            api.resetReading(lyr)
            var index = 0
            while let feature = api.nextFeature(lyr) {
                defer { api.destroyFeature(feature); index += 1 }
                func fail(_ reason: String) -> EquityError {
                    .invalidValue(SourceLocation(file: path, line: index + 1, column: 1), reason: "feature \(index + 1): \(reason)")
                }
                guard let g = api.geometry(feature) else { throw fail("has no geometry") }
                func ring(_ r: Handle) -> [Point] {
                    (0..<api.pointCount(r)).map { Point(api.getX(r, $0), api.getY(r, $0)) }
                }
                func polygon(_ p: Handle) -> Polygon? {
                    let k = api.geometryCount(p)
                    guard k > 0, let ext = api.subGeometry(p, 0) else { return nil }
                    return Polygon(exterior: ring(ext), holes: (1..<max(1, k)).compactMap { api.subGeometry(p, $0).map(ring) })
                }
                // Flat type: strip the 2.5D flag and ISO Z/M/ZM offsets.
                let flat = (api.geometryType(g) & 0x7fff_ffff) % 1000
                var polygons: [Polygon] = []
                switch flat {
                case 1: out.append(points: [Point(api.getX(g, 0), api.getY(g, 0))])
                case 4: out.append(points: (0..<api.geometryCount(g)).compactMap { api.subGeometry(g, $0).map { Point(api.getX($0, 0), api.getY($0, 0)) } })
                case 3: if let p = polygon(g) { polygons.append(p) }
                case 6: for i in 0..<api.geometryCount(g) { if let s = api.subGeometry(g, i), let p = polygon(s) { polygons.append(p) } }
                default: throw fail("is not a polygon or point (OGR geometry type \(flat))")
                }
                if flat == 3 || flat == 6 { out.append(feature: polygons) }
                for i in 0..<fields.count {
                    let text = api.fieldIsSet(feature, Int32(i)) != 0 ? (api.fieldAsString(feature, Int32(i)).map { String(cString: $0) } ?? "") : ""
                    values[i].append(text)
                }
                out.featureLine.append(index + 1)
            }
            for (i, name) in fields.enumerated() { out.properties[name] = values[i] }
            out.propertyOrder = fields
            return Result(layer: out, crs: crs, geographic: geographic)
        }
    }
}
