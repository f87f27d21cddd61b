/// Solves the SDE `prob` with the method StochasticDiffEq.jl's rules pick. The rules, in
/// order (the first that applies):
///
/// ```
/// Stratonovich              RKMil() (diagonal, scalar), RKMilCommute() (.commutative),
///                           EulerHeun() (non-diagonal) — fixed steps: pass dt:
/// .stiff                    ImplicitRKMil() (diagonal, scalar), ImplicitEM() — pass dt:
/// additive noise            SOSRA()                      (adaptive, strong order 1.5)
/// diagonal or scalar noise  SOSRI()                      (adaptive, strong order 1.5)
/// .commutative with dt:     RKMilCommute()               (strong order 1)
/// non-diagonal noise        LambaEM()                    (adaptive, strong order ½)
/// ```
///
/// The options are those of `solve(prob, alg, …)`; a `dt:` given to an adaptive choice is its
/// first step. The solution's `algorithm` names the method.
public func solve<S: StateVector, P: Sendable>(
  _ prob: SDEProblem<S, P>, algHints: Set<SDEAlgorithmHint> = [],
  abstol: some AbsoluteTolerance = 1e-2, reltol: Double = 1e-2, dt: Double? = nil,
  seed: UInt64 = 0, saveAt: [Double] = [], saveEveryStep: Bool? = nil, tstops: [Double] = [],
  dense: Bool? = nil, maxIters: Int = 10_000_000, callback: CallbackSet<S, P> = CallbackSet()
) throws -> SDESolution<S> {
  func run(_ alg: some SDEAlgorithm) throws -> SDESolution<S> {
    try solve(
      prob, alg, abstol: abstol, reltol: reltol, dt: dt, seed: seed, saveAt: saveAt,
      saveEveryStep: saveEveryStep, tstops: tstops, dense: dense, maxIters: maxIters,
      callback: callback)
  }
  let nonDiagonal: Bool
  if case .nonDiagonal = prob.noise { nonDiagonal = true } else { nonDiagonal = false }
  if prob.interpretation == .stratonovich {
    if !nonDiagonal { return try run(RKMil()) }
    return algHints.contains(.commutative) ? try run(RKMilCommute()) : try run(EulerHeun())
  }
  if algHints.contains(.stiff) {
    return nonDiagonal || prob.noise == .additive ? try run(ImplicitEM()) : try run(ImplicitRKMil())
  }
  switch prob.noise {
  case .additive: return try run(SOSRA())
  case .diagonal, .scalar: return try run(SOSRI())
  case .nonDiagonal:
    if algHints.contains(.commutative) && dt != nil { return try run(RKMilCommute()) }
    return try run(LambaEM())
  }
}
