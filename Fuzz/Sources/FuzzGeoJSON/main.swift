import Equity
import FuzzSupport

// GeoJSON reader and contiguity: any bytes read cleanly or fail with an EquityError; a layer's
// arrays are consistent and contiguity pairs are valid feature indices.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 { 0 }

@_cdecl("FuzzGeoJSON_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzDriver.run(argc, argv) { bytes in
        do {
            let layer = try GeoJSONReader.read(MappedFile(name: "fuzz.geojson", contents: Array(bytes)), threads: 2)
            FuzzDriver.require(layer.x.count == layer.y.count, "coordinate arrays differ")
            FuzzDriver.require(layer.ringStart.last == layer.x.count, "rings do not cover the vertices")
            for name in layer.propertyOrder {
                FuzzDriver.require(try layer.property(name).count == layer.featureCount, "property \(name) misaligned")
            }
            for rule in [Contiguity.queen, .rook] {
                for (a, b) in rule.pairs(layer) {
                    FuzzDriver.require(a < b && Int(b) < layer.featureCount, "bad pair \(a), \(b)")
                }
            }
            for f in 0..<layer.featureCount { _ = layer.centroid(f) }
        } catch is EquityError {
        } catch {
            FuzzDriver.require(false, "unexpected error \(error)")
        }
    }
}
