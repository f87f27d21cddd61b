/// Solves the SDE `prob` with the method StochasticDiffEq.jl's rules pick, adaptively:
///
/// ```
/// additive noise            SOSRA()
/// diagonal or scalar noise  SOSRI()
/// non-diagonal noise        EM() on a fixed dt (pass dt:; the adaptive LambaEM is not here yet)
/// ```
///
/// (Stratonovich problems: RKMil() on a fixed dt.) The options are those of
/// `solve(prob, alg, …)`; the solution's `algorithm` names the method.
public func solve<S: StateVector, P: Sendable>(
  _ prob: SDEProblem<S, P>, abstol: some AbsoluteTolerance = 1e-2, reltol: Double = 1e-2,
  dt: Double? = nil, seed: UInt64 = 0, saveAt: [Double] = [], saveEveryStep: Bool? = nil,
  tstops: [Double] = [], dense: Bool? = nil, maxIters: Int = 10_000_000,
  callback: CallbackSet<S, P> = CallbackSet()
) throws -> SDESolution<S> {
  func run(_ alg: some SDEAlgorithm) throws -> SDESolution<S> {
    try solve(
      prob, alg, abstol: abstol, reltol: reltol, dt: dt, seed: seed, saveAt: saveAt,
      saveEveryStep: saveEveryStep, tstops: tstops, dense: dense, maxIters: maxIters,
      callback: callback)
  }
  if prob.interpretation == .stratonovich { return try run(RKMil()) }
  switch prob.noise {
  case .additive: return try run(SOSRA())
  case .diagonal, .scalar: return try run(SOSRI())
  case .nonDiagonal: return try run(EM())
  }
}
