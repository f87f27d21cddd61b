import DiffEqTestSupport
import DifferentialEquations
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An embryo of `tissues` tissues, each with `populations` populations of `cells` cells; the
/// cells hold 4 species `[k, k + 0.1, k + 0.2, k + 0.3]` (k numbering the cells), tissues have
/// one value of their own.
func embryo(tissues: Int, populations: Int, cells: Int) -> MultiScaleNode {
  var k = 0.0
  var tissueNodes: [MultiScaleNode] = []
  for _ in 0..<tissues {
    var populationNodes: [MultiScaleNode] = []
    for _ in 0..<populations {
      var cellNodes: [MultiScaleNode] = []
      for _ in 0..<cells {
        cellNodes.append(MultiScaleNode(values: [k, k + 0.1, k + 0.2, k + 0.3]))
        k += 1
      }
      populationNodes.append(MultiScaleNode(children: cellNodes))
    }
    tissueNodes.append(MultiScaleNode(values: [-1], children: populationNodes))
  }
  return MultiScaleNode(children: tissueNodes)
}

@Suite("MultiScaleArray: structure")
struct MultiScaleStructureTests {
  @Test("flat depth-first storage, leaf offsets, ranges, node round trip")
  func structure() {
    let root = embryo(tissues: 2, populations: 2, cells: 3)
    let u = MultiScaleArray(root)
    #expect(u.count == 2 * (1 + 2 * 3 * 4))
    #expect(u.leafCount == 12)
    // Tissue 0's own value, then its cells; tissue 1 starts after 1 + 24 values.
    #expect(u[0] == -1 && u[1] == 0 && u[4] == 0.3 && u[5] == 1)
    #expect(u.leafStart(0) == 1 && u.leafStart(6) == 26 && u.leafRange(6) == 26..<30)
    #expect(u[u.leafStart(6)] == 6)
    #expect(u.range(of: [1]) == 25..<50 && u.ownValuesRange(of: [1]) == 25..<26)
    #expect(u.range(of: [1, 1, 2]) == 46..<50 && u.range(of: [2]) == nil)
    #expect(
      u.node(at: []) == root && u.node(at: [0, 1, 0]) == root.children[0].children[1].children[0])
    #expect(u.childCount(at: [0, 1]) == 3)
  }

  @Test("adding and removing nodes keeps every other value in place")
  func editing() {
    var u = MultiScaleArray(embryo(tissues: 2, populations: 2, cells: 3))
    let before = u
    let newCell = MultiScaleNode(values: [100, 101, 102, 103])
    let added = u.addNode(newCell, at: [0, 1, 1])
    #expect(added)
    #expect(u.count == before.count + 4 && u.leafCount == 13)
    #expect(u.node(at: [0, 1, 1]) == newCell)
    #expect(u.node(at: [0, 1, 2]) == before.node(at: [0, 1, 1]))
    #expect(u.node(at: [1]) == before.node(at: [1]))
    let removed = u.removeNode(at: [0, 1, 1])
    #expect(removed == newCell)
    #expect(u.storage == before.storage && u.layout == before.layout)
    // A whole population.
    let population = u.removeNode(at: [1, 0])
    #expect(population?.children.count == 3 && u.leafCount == 9)
    #expect(u.node(at: [1, 0]) == before.node(at: [1, 1]))
    // Bad paths change nothing.
    let badAdds = [u.addNode(newCell, at: [5, 0]), u.addNode(newCell, at: [0, 0, 9])]
    let badRemoves = [u.removeNode(at: []), u.removeNode(at: [0, 7])]
    #expect(badAdds == [false, false] && badRemoves == [nil, nil])
    #expect(u.leafCount == 9)
    // A population whose cells all died is no leaf.
    var emptied = MultiScaleArray(embryo(tissues: 1, populations: 2, cells: 1))
    emptied.removeNode(at: [0, 0, 0])
    #expect(emptied.leafCount == 1 && emptied.leafStart(0) == 1 && emptied[1] == 1)
    // Same count, other structure: not the same shape.
    var a = MultiScaleArray(MultiScaleNode(children: [MultiScaleNode(values: [1, 2])]))
    let b = MultiScaleArray(MultiScaleNode(values: [1], children: [MultiScaleNode(values: [2])]))
    #expect(a.count == b.count && !a.hasSameShape(as: b) && a.hasSameShape(as: a.zeroed()))
    a.axpy(2, a.zeroed())
    #expect(a.storage == [1, 2])
  }
}

/// Cells of mass `m` and a second species `x` with `m′ = λm`, `x′ = m − x`; a cell divides
/// into two equal halves (every species halved) when its mass reaches 2. Division conserves
/// the totals `M = Σm` and `X = Σx`, so `M(t) = M₀e^{λt}` and
/// `X(t) = M₀e^{λt}/(λ + 1) + (X₀ − M₀/(λ + 1))e^{−t}` whatever happens to the cells, and a
/// cell of initial mass `mᵢ` first divides at `τᵢ = ln(2/mᵢ)/λ`, then its daughters every
/// `ln 2/λ`: at `T` it has `2^(1 + ⌊(T − τᵢ)λ/ln 2⌋)` descendants (`T ≥ τᵢ`).
enum DividingCells {
  static let lambda = 1.0
  static let masses = [1.05, 1.25, 1.45, 1.65, 1.85]
  static let tEnd = 2.5

  /// Two populations in one tissue; cells `[m, x, 0, 0]` (four species, two of them inert).
  static var initial: MultiScaleArray {
    let cells = masses.map { MultiScaleNode(values: [$0, 0.5, 0, 0]) }
    return MultiScaleArray(
      MultiScaleNode(children: [
        MultiScaleNode(children: [
          MultiScaleNode(children: Array(cells.prefix(3))),
          MultiScaleNode(children: Array(cells.suffix(2))),
        ])
      ]))
  }

  static var problem: ODEProblem<InPlaceODEFunction<MultiScaleArray, Void>> {
    ODEProblem(u0: initial, tspan: (0, tEnd), p: ()) { du, u, _, _ in
      for cell in 0..<u.leafCount {
        let s = u.leafStart(cell)
        du[s] = lambda * u[s]
        du[s + 1] = u[s] - u[s + 1]
        du[s + 2] = 0
        du[s + 3] = 0
      }
    }
  }

  /// Divides the cells that reach mass 2.
  static var division: ContinuousCallback<MultiScaleArray, Void> {
    ContinuousCallback(
      condition: { u, _, _ in
        var heaviest = 0.0
        for cell in 0..<u.leafCount { heaviest = max(heaviest, u[u.leafStart(cell)]) }
        return heaviest - 2
      },
      upcrossing: { integrator in
        // Every cell at the threshold divides (sisters born together reach it together).
        var u = integrator.u
        var cell = 0
        var path = [0, 0, 0]
        while path[1] < u.childCount(at: [0]) {
          if path[2] >= u.childCount(at: [0, path[1]]) {
            path = [0, path[1] + 1, 0]
            continue
          }
          let range = u.leafRange(cell)
          if u[range.lowerBound] >= 2 * (1 - 1e-9) {
            for i in range { u[i] /= 2 }
            u.addNode(u.node(at: path)!, at: [0, path[1], path[2] + 1])
            // Skip the daughter just added.
            cell += 1
            path[2] += 1
          }
          cell += 1
          path[2] += 1
        }
        integrator.u = u
      }, downcrossing: nil)
  }

  static var expectedCount: Int {
    masses.reduce(0) { total, m in
      let tau = log(2 / m) / lambda
      return total
        + (tEnd < tau ? 1 : 1 << (1 + Int(((tEnd - tau) * lambda / log(2)).rounded(.down))))
    }
  }

  static func totals(_ u: MultiScaleArray) -> (mass: Double, x: Double) {
    var mass = 0.0
    var x = 0.0
    for cell in 0..<u.leafCount {
      mass += u[u.leafStart(cell)]
      x += u[u.leafStart(cell) + 1]
    }
    return (mass, x)
  }
}

@Suite("MultiScaleArray: cells that divide and die during a solve")
struct MultiScaleSolveTests {
  @Test("dividing cells: count and totals match the closed form with Tsit5, Rodas5P and FBDF")
  func division() throws {
    let m0 = DividingCells.masses.reduce(0, +)
    let x0 = 0.5 * Double(DividingCells.masses.count)
    let l = DividingCells.lambda
    let t = DividingCells.tEnd
    let exactMass = m0 * exp(l * t)
    let exactX = m0 * exp(l * t) / (l + 1) + (x0 - m0 / (l + 1)) * exp(-t)
    let callback = CallbackSet(DividingCells.division)
    let runs: [(String, ODESolution<MultiScaleArray>)] = [
      (
        "Tsit5",
        try solve(
          DividingCells.problem, Tsit5(), abstol: 1e-10, reltol: 1e-10, callback: callback)
      ),
      (
        "Rodas5P",
        try solve(
          DividingCells.problem, Rodas5P(), abstol: 1e-9, reltol: 1e-9, callback: callback)
      ),
      (
        "FBDF",
        try solve(DividingCells.problem, FBDF(), abstol: 1e-10, reltol: 1e-10, callback: callback)
      ),
    ]
    for (name, sol) in runs {
      #expect(sol.retcode == .success, "\(name)")
      let u = sol.u.last!
      #expect(u.leafCount == DividingCells.expectedCount, "\(name): \(u.leafCount) cells")
      let (mass, x) = DividingCells.totals(u)
      #expect(abs(mass - exactMass) <= 1e-7 * exactMass, "\(name): mass \(mass) vs \(exactMass)")
      #expect(abs(x - exactX) <= 1e-7 * exactX, "\(name): x \(x) vs \(exactX)")
    }
  }

  /// Independent cells (each cell's right-hand side reads only its own species) on fixed steps:
  /// removing cells 1 and 3 at t = 1/2 leaves the survivors bit-for-bit where a run of the
  /// survivors alone puts them.
  @Test("cell death keeps the survivors' values exactly (against a run of the survivors)")
  func death() throws {
    let rhs: @Sendable (inout MultiScaleArray, MultiScaleArray, Void, Double) -> Void = {
      du, u, _, t in
      for cell in 0..<u.leafCount {
        let s = u.leafStart(cell)
        du[s] = -0.5 * u[s] + 0.1 * sin(t) * u[s + 1]
        du[s + 1] = u[s] - u[s + 1] * u[s + 1]
        du[s + 2] = u[s + 3]
        du[s + 3] = -u[s + 2]
      }
    }
    let all = MultiScaleArray(embryo(tissues: 2, populations: 2, cells: 3))
    var survivors = all
    survivors.removeNode(at: [0, 0, 2])
    survivors.removeNode(at: [0, 0, 1])
    let kill = DiscreteCallback<MultiScaleArray, Void>(
      condition: { _, t, _ in t == 0.5 },
      affect: { integrator in
        var u = integrator.u
        u.removeNode(at: [0, 0, 2])
        u.removeNode(at: [0, 0, 1])
        integrator.u = u
      })
    for method in [Tsit5() as any ODEAlgorithm, Rodas5P()] {
      func run(_ u0: MultiScaleArray, _ callback: CallbackSet<MultiScaleArray, Void>) throws
        -> MultiScaleArray
      {
        let prob = ODEProblem(u0: u0, tspan: (0, 1), p: (), rhs)
        if method is Tsit5 {
          return try solve(
            prob, Tsit5(), dt: 1.0 / 64, adaptive: false, tstops: [0.5], callback: callback
          )
          .u.last!
        }
        // An analytic Jacobian: difference increments scale with the whole state's norm, so
        // they differ (in the last bits) between the two runs.
        var stiff = prob
        stiff.jac = { j, u, _, t in
          j.fill(0)
          for cell in 0..<u.leafCount {
            let s = u.leafStart(cell)
            j[s, s] = -0.5
            j[s, s + 1] = 0.1 * sin(t)
            j[s + 1, s] = 1
            j[s + 1, s + 1] = -2 * u[s + 1]
            j[s + 2, s + 3] = 1
            j[s + 3, s + 2] = -1
          }
        }
        return try solve(
          stiff, Rodas5P(), dt: 1.0 / 64, adaptive: false, tstops: [0.5], callback: callback
        ).u.last!
      }
      let withDeath = try run(all, CallbackSet(kill))
      // Survivors alone from t = 0 (their values at 0.5 are those of the full run's).
      let alone = try run(survivors, CallbackSet())
      #expect(withDeath.layout == alone.layout)
      #expect(withDeath.storage == alone.storage, "\(method)")
    }
  }

  /// A state that changes size under diagonal noise (one Wiener process per component, fixed
  /// at the start) ends the solve with a diagnostic; non-diagonal noise lets it grow; a
  /// componentwise abstol that no longer fits ends an ODE solve with a diagnostic.
  @Test("resizing: diagonal SDE noise and componentwise abstol fail with a diagnostic")
  func resizeFailures() throws {
    let grow = DiscreteCallback<MultiScaleArray, Void>(
      condition: { _, t, _ in t == 0.5 },
      affect: { integrator in
        var u = integrator.u
        u.addNode(MultiScaleNode(values: [1, 1]), at: [1])
        integrator.u = u
      })
    let start = MultiScaleArray(MultiScaleNode(children: [MultiScaleNode(values: [1, 1])]))
    let diagonal = SDEProblem(
      u0: start, tspan: (0.0, 1.0), p: (),
      f: { du, u, _, _ in for i in 0..<u.count { du[i] = -u[i] } },
      g: { du, u, _, _ in for i in 0..<u.count { du[i] = 0.1 } })
    let failed = try solve(diagonal, EM(), dt: 1.0 / 16, tstops: [0.5], callback: CallbackSet(grow))
    #expect(failed.retcode == .unstable)
    #expect(failed.solution.diagnostic?.message.contains("diagonal or additive noise") == true)
    let nonDiagonal = SDEProblem(
      u0: start, tspan: (0.0, 1.0), p: (), noiseDimension: 1,
      f: { du, u, _, _ in for i in 0..<u.count { du[i] = -u[i] } },
      noiseRate: { g, u, _, _ in for i in 0..<u.count { g[i, 0] = 0.1 * u[i] } })
    let grown = try solve(
      nonDiagonal, EM(), dt: 1.0 / 16, tstops: [0.5], callback: CallbackSet(grow))
    #expect(grown.retcode == .success && grown.u.last!.count == 4)
    let ode = ODEProblem(u0: start, tspan: (0.0, 1.0), p: ()) { du, u, _, _ in
      for i in 0..<u.count { du[i] = -u[i] }
    }
    let componentwise = try solve(
      ode, Tsit5(), abstol: [1e-8, 1e-8], tstops: [0.5], callback: CallbackSet(grow))
    #expect(componentwise.retcode == .failure)
    #expect(componentwise.diagnostic?.message.contains("abstol") == true)
  }
}
