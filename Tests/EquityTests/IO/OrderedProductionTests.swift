import Testing
@testable import Equity

/// Pieces formatted on workers and consumed in order: the consumer sees every piece once, in
/// order, whatever the thread count; an error from the consumer stops the run and comes back.
@Suite struct OrderedProductionTests {
    final class Box { var value = -1 }
    struct Stop: Error {}

    @Test(arguments: [1, 2, 4, 7]) func piecesArriveInOrder(threads: Int) {
        var seen: [Int] = []
        OrderedProduction.run(count: 1000, threads: threads, slot: { Box() }, produce: { k, box in
            var h = k
            for _ in 0..<(k % 17) * 50 { h = h &* 31 &+ 7 } // uneven work
            box.value = k + (h == .min ? 1 : 0)
        }, consume: { k, box in
            #expect(box.value == k)
            seen.append(box.value)
        })
        #expect(seen == Array(0..<1000))
    }

    @Test func consumerErrorStopsTheRun() {
        var consumed = 0
        let produced = ManagedCounter()
        #expect(throws: Stop.self) {
            try OrderedProduction.run(count: 10_000, threads: 3, slot: { Box() }, produce: { k, box in
                box.value = k
                produced.add()
            }, consume: { k, _ in
                consumed += 1
                if k == 20 { throw Stop() }
            })
        }
        #expect(consumed == 21)
        // Workers skip what is left: at most a ring's worth beyond the failure is produced.
        #expect(produced.value < 100)
    }

    @Test func nothingToDo() {
        var calls = 0
        OrderedProduction.run(count: 0, threads: 2, slot: { Box() }, produce: { _, _ in calls += 1 }, consume: { _, _ in calls += 1 })
        #expect(calls == 0)
    }
}

/// A counter several threads add to.
final class ManagedCounter: @unchecked Sendable {
    private var count = 0
    private let lock = PThreadMutex()
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
