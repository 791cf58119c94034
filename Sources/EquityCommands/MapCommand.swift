import ArgumentParser
import Equity

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "A publishable choropleth map (SVG or PNG) of a value per area.",
        discussion: """
        Boundaries from --polygons (GeoJSON, Shapefile or GeoPackage) named by
        --id-property; values from a property (--value-property) or a CSV
        (--input, --id, --value; areas without a value are drawn grey and
        counted in the legend). Classes as mapclassify names them (--scheme,
        --classes, --breaks), colour-blind-safe --palette, --title,
        --subtitle, --legend-title with units, the ONS/OS credit by default,
        scale bar and north arrow, --bbox or --zoom-to a window, --inset a
        second view. --map ending in .png renders through librsvg.

        Example:
          equity map --polygons Fixtures/boundaries/luton_lsoa11_E06000032.geojson \\
            --id-property LSOA11CD --input Fixtures/deprivation/luton_lsoa11_iod2019.csv \\
            --id lsoa11cd --value income_score --scheme natural-breaks \\
            --legend-title "Income deprivation score (proportion)" --map luton.svg
        """
    )

    @Option(help: "Polygons: GeoJSON (.geojson, .gz), Shapefile (.shp) or GeoPackage (.gpkg).") var polygons: String
    @Option(name: .customLong("id-property"), help: "Feature property with the area id.") var idProperty: String
    @Option(name: .customLong("value-property"), help: "Feature property with the values.") var valueProperty: String?
    @Option(help: "CSV with one row per area.") var input: String?
    @Option(help: "CSV column with the area id.") var id: String?
    @Option(help: "CSV column with the values.") var value: String?
    @OptionGroup var limits: LimitOptions
    @OptionGroup var map: MapOptions

    mutating func validate() throws {
        if map.map == nil { throw ValidationError("give --map PATH.svg or PATH.png") }
        if input != nil && (id == nil || value == nil) { throw ValidationError("--input needs --id and --value") }
        if input == nil && valueProperty == nil { throw ValidationError("give --value-property, or --input with --id and --value") }
    }

    func run() throws {
        try reportingErrors {
            guard let file = try map.openFile() else { return }
            let read = try BoundaryReader.read(path: polygons)
            let layer = read.layer
            let ids = try SpatialInputs.ids(layer, property: idProperty)
            let values: [Double]
            let name: String
            if let input, let id, let value {
                values = try SpatialInputs.mapValues(csv: input, idColumn: id, valueColumn: value, ids: ids)
                name = value
            } else {
                values = try SpatialInputs.values(layer, property: valueProperty!, ids: ids)
                name = valueProperty!
            }
            let style = try map.style(defaultTitle: name, defaultLegendTitle: name, layer: layer, ids: ids)
            let svg = try ThematicMap.choropleth(layer: layer, ids: ids, values: values, classification: map.classification,
                                                 palette: map.palette, style: style, lonLat: read.lonLat)
            try map.write(svg, to: file)
            try file.commit()
            writeStderr("coordinates: \(read.crs); nothing reprojected\n")
        }
    }
}
