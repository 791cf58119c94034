/// Reads boundaries by their file type: GeoJSON (`.geojson`, `.json`, and their `.gz`) with
/// Equity's own reader; Shapefile (`.shp`) and GeoPackage (`.gpkg`) through GDAL
/// (`GDALReader`). Says which coordinate reference system it read, and what it assumed.
public enum BoundaryReader {
    /// Polygons with their coordinate reference system.
    public struct Result {
        /// The polygons.
        public var layer: PolygonLayer
        /// The CRS in words: as declared, or what was assumed and why.
        public var crs: String
        /// Whether the coordinates are longitude/latitude (declared, or assumed from their range).
        public var lonLat: Bool

        /// The result, with the layer's `declaresLonLat` set from `lonLat` (what distance rules read).
        init(layer: PolygonLayer, crs: String, lonLat: Bool) {
            self.layer = layer
            self.layer.declaresLonLat = lonLat
            self.crs = crs
            self.lonLat = lonLat
        }
    }

    /// Whether the path names a format read through GDAL.
    public static func needsGDAL(_ path: String) -> Bool {
        let p = path.lowercased()
        return p.hasSuffix(".shp") || p.hasSuffix(".gpkg") || p.hasSuffix(".shp.zip")
    }

    /// Reads one boundary file.
    public static func read(path: String) throws -> Result {
        if needsGDAL(path) {
            let r = try GDALReader.read(path: path)
            if let geographic = r.geographic { return Result(layer: r.layer, crs: r.crs, lonLat: geographic) }
            let lonLat = looksLonLat(r.layer)
            return Result(layer: r.layer, crs: "none declared (no .prj): assumed \(lonLat ? "longitude/latitude, as the coordinates lie within ±180/±90" : "projected (planar units), as the coordinates exceed ±180/±90")",
                          lonLat: lonLat)
        }
        let layer = try GeoJSONReader.read(path: path)
        if layer.declaresLonLat { return Result(layer: layer, crs: "OGC:CRS84 (WGS 84 longitude/latitude, as declared)", lonLat: true) }
        let lonLat = looksLonLat(layer)
        return Result(layer: layer, crs: lonLat ? "OGC:CRS84 (GeoJSON's default, RFC 7946; none declared)"
                      : "none declared: assumed projected (planar units), as the coordinates exceed ±180/±90", lonLat: lonLat)
    }

    static func looksLonLat(_ layer: PolygonLayer) -> Bool {
        var lo = (Double.infinity, Double.infinity), hi = (-Double.infinity, -Double.infinity)
        for i in 0..<layer.x.count {
            lo = (min(lo.0, layer.x[i]), min(lo.1, layer.y[i]))
            hi = (max(hi.0, layer.x[i]), max(hi.1, layer.y[i]))
        }
        return layer.x.isEmpty || (lo.0 >= -180 && hi.0 <= 180 && lo.1 >= -90 && hi.1 <= 90)
    }
}
