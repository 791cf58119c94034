import Dispatch

/// Numbered pieces of output produced on worker threads and consumed in order on the calling
/// thread, the two overlapping: while this thread writes piece k, the workers format pieces
/// k+1, k+2, … into a ring of reusable slots (four per worker, so memory stays bounded). The
/// output is the same whatever the number of threads.
package enum OrderedProduction {
    /// Runs `produce(k, slot)` for k in `0..<count` on `threads` workers (worker t takes k = t,
    /// t+threads, …) and `consume(k, slot)` on this thread in order of k. When `consume` throws,
    /// the workers skip what is left, are waited for, and the error is rethrown.
    package static func run<Slot: AnyObject>(count: Int, threads: Int, slot makeSlot: () -> Slot,
                                             produce: (Int, Slot) -> Void,
                                             consume: (Int, Slot) throws -> Void) rethrows {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        let ringSize = min(count, workers * 4)
        let ring = (0..<ringSize).map { _ in makeSlot() }
        let free = (0..<ringSize).map { _ in DispatchSemaphore(value: 1) }
        let ready = (0..<ringSize).map { _ in DispatchSemaphore(value: 0) }
        let stop = StopFlag()
        let group = DispatchGroup()
        try withoutActuallyEscaping(produce) { produce in
            for t in 0..<workers {
                DispatchQueue.global().async(group: group) {
                    var k = t
                    while k < count {
                        let s = k % ringSize
                        free[s].wait()
                        if !stop.isSet { produce(k, ring[s]) }
                        ready[s].signal()
                        k += workers
                    }
                }
            }
            defer {
                // Normally every worker has finished; after a throw, release the ones waiting
                // for a slot (each needs at most one signal per piece left) and wait for them.
                stop.set()
                for s in 0..<ringSize { for _ in 0...(count / ringSize + 1) { free[s].signal() } }
                group.wait()
            }
            for k in 0..<count {
                let s = k % ringSize
                ready[s].wait()
                try consume(k, ring[s])
                free[s].signal()
            }
        }
    }
}
