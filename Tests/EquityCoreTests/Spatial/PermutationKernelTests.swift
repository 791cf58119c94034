import Testing
@testable import EquityCore

/// The permutation kernel's three layouts — lanes shuffled in place (small layers), compact
/// per-lane shuffles interleaved in a full pass, and compact shuffles fused through a ring just
/// ahead of the sum (large layers in a spatial order) — draw the same permutations and add the
/// same terms in the same order, so their statistics must agree to the last bit. The in-place
/// layout is the one checked against esda/spdep elsewhere (GlobalStatisticsTests, NCSIDSTests).
@Suite struct PermutationKernelTests {
    /// A side × side queen lattice in row order (upper neighbours at most side + 1 rows ahead),
    /// plus optional long links from the first rows to the last (a bandwidth no ring holds).
    static func lattice(_ side: Int, longLinks: Int = 0) throws -> SpatialWeights {
        var pairs = Contiguity.queen.latticePairs(rows: side, columns: side)
        let n = side * side
        for k in 0..<longLinks { pairs.append((k, n - 1 - 3 * k)) }
        return try SpatialWeights(ids: (0..<n).map { "a\($0)" }, pairs: pairs)
    }

    static func values(_ n: Int) -> [Double] {
        var g = Xoshiro256(seed: 7)
        return (0..<n).map { i in Double(i % 37) * 0.25 + g.nextUnit() - 4.5 }
    }

    static func runs(_ w: SpatialWeights, permutations: Int, degree: Bool,
                     ring: Int = PermutationKernel.ringCapacity) -> [PermutationKernel.Output] {
        let z = values(w.count)
        return [
            PermutationKernel.run(values: z, weights: w, permutations: permutations, seed: 11, wantDegree: degree,
                                  threads: 2, compactAbove: .max),
            PermutationKernel.run(values: z, weights: w, permutations: permutations, seed: 11, wantDegree: degree,
                                  threads: 2, compactAbove: 0, ringCapacity: 0),
            PermutationKernel.run(values: z, weights: w, permutations: permutations, seed: 11, wantDegree: degree,
                                  threads: 1, compactAbove: 0, ringCapacity: ring),
        ]
    }

    @Test func layoutsAgreeOnALattice() throws {
        let w = try Self.lattice(40).transformed(.R)
        let out = Self.runs(w, permutations: 37, degree: true)
        #expect(out[0].quadratic.count == 37)
        for o in out.dropFirst() {
            #expect(o.quadratic == out[0].quadratic)
            #expect(o.squaredDegree == out[0].squaredDegree)
        }
    }

    @Test(arguments: [1_024, 64])
    func longLinks(ring: Int) throws {
        // Links from the first rows to the last: a ring of 1,024 rows still holds the 900-row
        // layer (the first rows fill it to the end before their sum); one of 64 cannot, and the
        // full pass is taken. The numbers must not change either way.
        let w = try Self.lattice(30, longLinks: 5).transformed(.R)
        let out = Self.runs(w, permutations: 19, degree: false, ring: ring)
        for o in out.dropFirst() { #expect(o.quadratic == out[0].quadratic) }
    }

    @Test func quadraticFormOfTheIdentityWeightsIsTheSumOfSquares() throws {
        // With wᵢᵢ = 1 only, pᵀWp = Σzᵢ² for every permutation: a check of the sums themselves.
        let n = 500
        let w = SpatialWeights(ids: (0..<n).map { "a\($0)" }, offsets: Array(0...n), neighbours: (0..<n).map { Int32($0) },
                               original: [Double](repeating: 1, count: n))
        let z = Self.values(n)
        let expected = z.reduce(0) { $0 + $1 * $1 }
        for compactAbove in [Int.max, 0] {
            let out = PermutationKernel.run(values: z, weights: w, permutations: 9, seed: 3, compactAbove: compactAbove)
            for q in out.quadratic { #expect(abs(q - expected) <= 1e-12 * expected) }
        }
    }
}
