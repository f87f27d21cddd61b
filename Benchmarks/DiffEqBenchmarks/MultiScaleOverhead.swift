import DifferentialEquations

/// The cost of a MultiScaleArray state (`--msa`): 1000 cells × 4 species in a 3-level
/// hierarchy (10 tissues × 10 populations × 10 cells) against the same model in a flat
/// `[Double]`, Tsit5 at abstol = reltol = 1e-8 on (0, 10). Each cell runs a Brusselator with
/// a cell-dependent rate and two species coupled to it,
///
/// ```
/// x′ = a − (b + 1)x + x²y,  y′ = bx − x²y,  z′ = x − z,  w′ = z − 0.5w,   b = 2.5 + cell/1000
/// ```
///
/// written "for each cell" through the leaves' offsets (MSA) or `4·cell` (flat). Prints the
/// minimum-time ratio MSA / flat (identical steps: the same arithmetic on the same values).
func multiScaleOverhead(quick: Bool) throws {
  let cells = 1000
  var tissues: [MultiScaleNode] = []
  for tissue in 0..<10 {
    var populations: [MultiScaleNode] = []
    for population in 0..<10 {
      let members = (0..<10).map { cell in
        let k = Double(100 * tissue + 10 * population + cell)
        return MultiScaleNode(values: [1 + 0.001 * k, 3, 0, 0])
      }
      populations.append(MultiScaleNode(children: members))
    }
    tissues.append(MultiScaleNode(children: populations))
  }
  let msa = MultiScaleArray(MultiScaleNode(children: tissues))
  let flat = msa.storage
  let tspan = (0.0, quick ? 1.0 : 10.0)
  let msaProblem = ODEProblem(u0: msa, tspan: tspan, p: ()) { du, u, _, _ in
    for cell in 0..<u.leafCount {
      let s = u.leafStart(cell)
      let b = 2.5 + Double(cell) / 1000
      let x = u[s]
      let y = u[s + 1]
      du[s] = 1 - (b + 1) * x + x * x * y
      du[s + 1] = b * x - x * x * y
      du[s + 2] = x - u[s + 2]
      du[s + 3] = u[s + 2] - 0.5 * u[s + 3]
    }
  }
  let flatProblem = ODEProblem(u0: flat, tspan: tspan, p: ()) { du, u, _, _ in
    for cell in 0..<cells {
      let s = 4 * cell
      let b = 2.5 + Double(cell) / 1000
      let x = u[s]
      let y = u[s + 1]
      du[s] = 1 - (b + 1) * x + x * x * y
      du[s + 1] = b * x - x * x * y
      du[s + 2] = x - u[s + 2]
      du[s + 3] = u[s + 2] - 0.5 * u[s + 3]
    }
  }
  var msaEnd: [Double] = []
  var flatEnd: [Double] = []
  var steps = 0
  let runs = quick ? 2 : 10
  let tMSA = try minimumTime(maxRuns: runs, budget: quick ? 0.1 : 2) {
    let sol = try solve(
      msaProblem, Tsit5(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false, dense: false)
    msaEnd = sol.u.last!.storage
    steps = sol.stats.naccept
  }
  let tFlat = try minimumTime(maxRuns: runs, budget: quick ? 0.1 : 2) {
    flatEnd = try solve(
      flatProblem, Tsit5(), abstol: 1e-8, reltol: 1e-8, saveEveryStep: false, dense: false
    ).u.last!
  }
  print("\nMultiScaleArray overhead: 1000 cells × 4 species, 3 levels, Tsit5 1e-8, \(steps) steps")
  print(
    format(
      "  MSA %.2f ms, flat [Double] %.2f ms: MSA / flat = %.3f", tMSA * 1e3, tFlat * 1e3,
      tMSA / tFlat)
      + "   same result: \(msaEnd == flatEnd)")
}
