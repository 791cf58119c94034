/// Reading the inputs of the spatial commands: ids, values and neighbours from polygons, CSV
/// value files and adjacency (edge list) CSVs, matched by id with clear errors.
public enum SpatialInputs {
    /// Feature ids from a property; duplicate or empty ids are errors.
    public static func ids(_ layer: PolygonLayer, property: String) throws -> [String] {
        let ids = try layer.property(property)
        // One hash look-up per feature (the feature where each id first appears).
        var first: [String: Int] = [:]
        first.reserveCapacity(ids.count)
        for (f, id) in ids.enumerated() {
            if id.isEmpty {
                throw EquityError.invalidValue(layer.location(ofFeature: f), reason: "feature \(f + 1) has no '\(property)'")
            }
            if let earlier = first.updateValue(f, forKey: id) {
                throw EquityError.invalidValue(layer.location(ofFeature: f),
                                               reason: "id \(MessageText.quoted(id)) ('\(property)') of feature \(f + 1) already belongs to feature \(earlier + 1)")
            }
        }
        return ids
    }

    /// Values for `ids` from a CSV's id and value columns: every id must have exactly one value.
    public static func values(csv path: String, idColumn: String, valueColumn: String, ids: [String]?) throws -> (ids: [String], values: [Double]) {
        let reader = try CSVReader(path: path)
        let ic = try reader.column(idColumn), vc = try reader.column(valueColumn)
        var fileIds: [String] = [], values: [Double] = []
        var lineOf: [String: Int] = [:]
        try reader.forEachRow { s in
            let id = s.text(ic)
            let v = try reader.number(s, vc)
            if v.isNaN {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: vc + 1),
                                               reason: "value missing for \(MessageText.quoted(id)); spatial statistics need every area's value")
            }
            if let previous = lineOf[id] {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: ic + 1),
                                               reason: "id \(MessageText.quoted(id)) appears again (first on line \(previous))")
            }
            lineOf[id] = s.line
            fileIds.append(id)
            values.append(v)
        }
        guard let ids else { return (fileIds, values) }
        let index = Dictionary(uniqueKeysWithValues: fileIds.enumerated().map { ($1, $0) })
        var out: [Double] = []
        out.reserveCapacity(ids.count)
        for id in ids {
            guard let k = index[id] else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: 1, column: ic + 1),
                                               reason: "no row for area \(MessageText.quoted(id)) (present in the neighbours)")
            }
            out.append(values[k])
        }
        if fileIds.count > ids.count {
            let known = Set(ids)
            let extra = fileIds.first { !known.contains($0) }!
            throw EquityError.invalidValue(SourceLocation(file: reader.name, line: lineOf[extra]!, column: ic + 1),
                                           reason: "area '\(extra)' has no entry in the neighbours (polygons or adjacency)")
        }
        return (ids, out)
    }

    /// Values to map for `ids` from a CSV: an empty or NA value, or an area without a row, is
    /// NaN (drawn as "No value"); a row whose id is not among `ids`, or a repeated id, is an error
    /// naming its line (nothing is dropped silently).
    public static func mapValues(csv path: String, idColumn: String, valueColumn: String, ids: [String]) throws -> [Double] {
        let reader = try CSVReader(path: path)
        let ic = try reader.column(idColumn), vc = try reader.column(valueColumn)
        let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var out = [Double](repeating: .nan, count: ids.count)
        var lineOf: [String: Int] = [:]
        try reader.forEachRow { s in
            let id = s.text(ic)
            guard let k = position[id] else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: ic + 1),
                                               reason: "area \(MessageText.quoted(id)) is not among the polygons")
            }
            if let previous = lineOf[id] {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: ic + 1),
                                               reason: "id \(MessageText.quoted(id)) appears again (first on line \(previous))")
            }
            lineOf[id] = s.line
            out[k] = try reader.number(s, vc)
        }
        return out
    }

    /// Values from a polygon property (numbers; missing or text is an error).
    public static func values(_ layer: PolygonLayer, property: String, ids: [String]) throws -> [Double] {
        let texts = try layer.property(property)
        return try texts.enumerated().map { f, t in
            guard case let .number(v) = NumberParsing.parse(t) else {
                throw EquityError.invalidValue(layer.location(ofFeature: f),
                                               reason: "feature '\(ids[f])' has no numeric '\(property)' (\(MessageText.quoted(t)))")
            }
            return v
        }
    }

    /// Binary weights from an adjacency CSV (first two columns): pairs of ids, each of which must
    /// be one of `ids`. An id of `ids` in no pair would be an island: an error
    /// (`undeclaredIslands`) unless `allowIslands` says islands are intended — a missing row is
    /// far more often a mistake than a true island.
    public static func adjacency(csv path: String, ids: [String], allowIslands: Bool = false) throws -> SpatialWeights {
        try adjacency(reader: try CSVReader(path: path), ids: ids, allowIslands: allowIslands)
    }

    /// As `adjacency(csv:ids:allowIslands:)`, from a reader already open.
    public static func adjacency(reader: CSVReader, ids: [String], allowIslands: Bool = false) throws -> SpatialWeights {
        guard reader.header.count >= 2 else {
            throw EquityError.malformedInput(SourceLocation(file: reader.name, line: 1, column: 1), reason: "an adjacency file needs two id columns")
        }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
        var pairs: [(Int32, Int32)] = []
        var seen = Set<UInt64>()
        try reader.forEachRow { s in
            let a = s.text(0), b = s.text(1)
            guard let ia = index[a] else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: 1), reason: "area \(MessageText.quoted(a)) has no value")
            }
            guard let ib = index[b] else {
                throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: 2), reason: "area \(MessageText.quoted(b)) has no value")
            }
            if ia == ib { throw EquityError.invalidValue(SourceLocation(file: reader.name, line: s.line, column: 2), reason: "\(MessageText.quoted(a)) is listed as its own neighbour") }
            let key = UInt64(UInt32(min(ia, ib))) << 32 | UInt64(UInt32(max(ia, ib)))
            if seen.insert(key).inserted { pairs.append((min(ia, ib), max(ia, ib))) }
        }
        let w = SpatialWeights(ids: ids, indexPairs: pairs)
        let islands = w.islands
        if !allowIslands && !islands.isEmpty {
            throw EquityError.undeclaredIslands(file: reader.name, ids: islands.map { ids[$0] })
        }
        return w
    }

    /// Where a spatial statistic's values and neighbours come from.
    public struct Request: Sendable {
        /// A CSV with one row per area (values by `id`/`value` columns).
        public var input: String?
        /// The CSV's id column.
        public var id: String?
        /// The values: a CSV column with `input`, otherwise a polygon property.
        public var value: String?
        /// Polygons (GeoJSON, `.gz` too): neighbours by `rule`, and/or values.
        public var polygons: String?
        /// The feature property naming each area.
        public var idProperty: String?
        /// The feature property with the values (when there is no `input`).
        public var valueProperty: String?
        /// An adjacency CSV: neighbouring pairs of ids (instead of polygons).
        public var adjacency: String?
        /// With `adjacency`: areas in no pair are intended islands.
        public var allowIslands = false
        /// How neighbours are found from polygons.
        public var rule = NeighbourRule.contiguity(.queen)
        /// The distance for centroid rules.
        public var metric = DistanceMetric.auto
        /// The weights' transform (nil: the statistic's default).
        public var transform: SpatialWeights.Transform?
        /// A GeoDa/PySAL weights file (`.gal`, `.gwt`) giving the neighbours.
        public var weightsFile: String?
        /// Higher-order contiguity: neighbours at this many steps (nil: as built).
        public var order: Int?
        /// With `order`: every order from 1 up to it.
        public var cumulative = false
        /// Block weights: areas sharing this column's (or property's) text are neighbours.
        public var blockBy: String?

        /// An empty request.
        public init() {}
    }

    /// A statistic's inputs, matched by id.
    public struct Loaded {
        /// The areas, in the order of the values and the weights' rows.
        public var ids: [String]
        /// One value per area.
        public var values: [Double]
        /// The weights, transformed.
        public var weights: SpatialWeights
        /// The polygons, when given (for maps).
        public var layer: PolygonLayer?
        /// The boundaries' coordinate reference system, as read or assumed ("" without polygons).
        public var crs: String
        /// Reads another numeric variable by name (a CSV column or polygon property), in `ids` order.
        public var other: (String) throws -> [Double]
    }

    /// Reads values and neighbours as `request` says, every id matched between them.
    public static func load(_ request: Request, defaultTransform: SpatialWeights.Transform = .R) throws -> Loaded {
        var layer: PolygonLayer? = nil
        var ids: [String]? = nil
        var crs = ""
        if let polygons = request.polygons {
            guard let idProperty = request.idProperty else { throw EquityError.invalidArgument("polygons need an id property") }
            let read = try BoundaryReader.read(path: polygons)
            let l = read.layer
            crs = read.crs
            layer = l
            ids = try Self.ids(l, property: idProperty)
        }
        var values: [Double]
        var other: (String) throws -> [Double]
        if let input = request.input {
            guard let id = request.id, let value = request.value else { throw EquityError.invalidArgument("a values CSV needs its id and value columns") }
            let read = try Self.values(csv: input, idColumn: id, valueColumn: value, ids: ids)
            ids = read.ids
            values = read.values
            let order = read.ids
            other = { column in try Self.values(csv: input, idColumn: id, valueColumn: column, ids: order).values }
        } else if let layer, let ids {
            guard let property = request.valueProperty ?? request.value else {
                throw EquityError.invalidArgument("give the values: a polygon property, or a CSV with id and value columns")
            }
            values = try Self.values(layer, property: property, ids: ids)
            other = { property in try Self.values(layer, property: property, ids: ids) }
        } else {
            throw EquityError.invalidArgument("give the values: a CSV with id and value columns, or polygons with id and value properties")
        }
        var w: SpatialWeights
        if let blockBy = request.blockBy {
            let groups: [String]
            if let layer, layer.properties[blockBy] != nil {
                let byId = Dictionary(uniqueKeysWithValues: zip(try Self.ids(layer, property: request.idProperty ?? ""), try layer.property(blockBy)))
                groups = ids!.map { byId[$0] ?? "" }
            } else if let input = request.input, let idColumn = request.id {
                let reader = try CSVReader(path: input)
                let d = try reader.readColumns(numeric: [], text: [try reader.column(idColumn), try reader.column(blockBy)])
                let byId = Dictionary(d.text[0].enumerated().map { ($1, d.text[1][$0]) }, uniquingKeysWith: { a, _ in a })
                groups = ids!.map { byId[$0] ?? "" }
            } else {
                throw EquityError.invalidArgument("--block-by needs a CSV column or polygon property named \(blockBy)")
            }
            w = try DistanceWeights.block(groups: groups, ids: ids!)
        } else if let file = request.weightsFile {
            w = try WeightsFile.read(path: file, ids: ids!)
        } else if let adjacency = request.adjacency {
            w = try Self.adjacency(csv: adjacency, ids: ids!, allowIslands: request.allowIslands)
        } else if let layer {
            w = try SpatialWeights(layer: layer, ids: ids!, rule: request.rule, metric: request.metric)
        } else {
            throw EquityError.invalidArgument("give the neighbours: polygons (contiguity or distances), an adjacency list or a weights file")
        }
        if let order = request.order { w = try w.higherOrder(order, cumulative: request.cumulative) }
        return Loaded(ids: ids!, values: values, weights: w.transformed(request.transform ?? defaultTransform), layer: layer, crs: crs,
                      other: other)
    }
}
