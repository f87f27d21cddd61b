import DifferentialEquations
import Testing

/// Expects `body` to throw a ``DiffEqError`` for `field` whose message says what to do.
private func expectInvalid(
  _ field: String, sourceLocation: SourceLocation = #_sourceLocation,
  _ body: () throws -> Void
) {
  let error = #expect(throws: DiffEqError.self, sourceLocation: sourceLocation) { try body() }
  guard let error else { return }
  #expect(error.field == field, sourceLocation: sourceLocation)
  #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
  #expect(error.description.hasPrefix("invalid \(field): "), sourceLocation: sourceLocation)
}

/// Invalid options for ``decay`` and the field the error must name.
struct InvalidOptions: Sendable, CustomTestStringConvertible {
  let label: String
  let options: ODESolverOptions
  let field: String
  var testDescription: String { "\(label) → \(field)" }

  static let all: [InvalidOptions] = [
    .init(label: "abstol < 0", options: .init(abstol: -1e-6), field: "abstol"),
    .init(label: "abstol NaN", options: .init(abstol: Double.nan), field: "abstol"),
    .init(label: "abstol ∞", options: .init(abstol: Double.infinity), field: "abstol"),
    .init(
      label: "abstol has 2 components for 1", options: .init(abstol: [1e-6, 1e-6]),
      field: "abstol"),
    .init(label: "abstol component < 0", options: .init(abstol: [-1.0]), field: "abstol"),
    .init(label: "reltol < 0", options: .init(reltol: -1e-3), field: "reltol"),
    .init(label: "reltol NaN", options: .init(reltol: .nan), field: "reltol"),
    .init(label: "reltol ∞", options: .init(reltol: .infinity), field: "reltol"),
    .init(label: "both tolerances 0", options: .init(abstol: 0.0, reltol: 0), field: "reltol"),
    .init(
      label: "componentwise abstol 0 and reltol 0",
      options: .init(abstol: [0.0], reltol: 0), field: "reltol"),
    .init(label: "saveAt after t_f", options: .init(saveAt: [0.5, 2.5]), field: "saveAt"),
    .init(label: "saveAt before t₀", options: .init(saveAt: [-0.1]), field: "saveAt"),
    .init(label: "saveAt NaN", options: .init(saveAt: [.nan]), field: "saveAt"),
    .init(label: "fixed step without dt", options: .init(adaptive: false), field: "dt"),
    .init(label: "dt = 0", options: .init(dt: 0), field: "dt"),
    .init(label: "dt NaN", options: .init(dt: .nan), field: "dt"),
    .init(label: "dt ∞", options: .init(dt: .infinity), field: "dt"),
    .init(label: "dtMax < 0", options: .init(dtMax: -0.1), field: "dtMax"),
    .init(label: "dtMax = 0", options: .init(dtMax: 0), field: "dtMax"),
    .init(label: "dtMax NaN", options: .init(dtMax: .nan), field: "dtMax"),
    .init(label: "dtMin < 0", options: .init(dtMin: -1e-12), field: "dtMin"),
    .init(label: "maxIters = 0", options: .init(maxIters: 0), field: "maxIters"),
    .init(label: "maxIters < 0", options: .init(maxIters: -5), field: "maxIters"),
    .init(label: "tstops NaN", options: .init(tstops: [0.5, .nan]), field: "tstops"),
    .init(label: "tstops ∞", options: .init(tstops: [.infinity]), field: "tstops"),
    .init(label: "qmax = 0", options: .init(qmax: 0), field: "qmax"),
    .init(label: "gamma NaN", options: .init(gamma: .nan), field: "gamma"),
  ]
}

@Suite("Invalid input throws a DiffEqError naming the field")
struct ValidationTests {
  @Test("a non-finite initial state", arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteU0(_ bad: Double) {
    let prob = ODEProblem(u0: [1.0, bad], tspan: (0.0, 1.0)) { du, u, _, _ in du.assign(u) }
    expectInvalid("u0") { _ = try solve(prob, Tsit5()) }
  }

  @Test("an empty initial state")
  func emptyU0() {
    let prob = ODEProblem(u0: [Double](), tspan: (0.0, 1.0)) { _, _, _, _ in }
    expectInvalid("u0") { _ = try solve(prob, Tsit5()) }
  }

  @Test(
    "a non-finite or empty time span",
    arguments: [(Double.nan, 1.0), (0.0, .infinity), (-.infinity, 0.0), (1.0, 1.0), (0.0, 0.0)])
  func badTspan(_ t0: Double, _ tf: Double) {
    var prob = decay
    prob.tspan = (t0, tf)
    expectInvalid("tspan") { _ = try solve(prob, Tsit5()) }
  }

  @Test("invalid options", arguments: InvalidOptions.all)
  func invalidOptions(_ invalid: InvalidOptions) {
    expectInvalid(invalid.field) { _ = try Tsit5().solve(decay, options: invalid.options) }
    expectInvalid(invalid.field) { _ = try ODEIntegrator(decay, Tsit5(), options: invalid.options) }
  }

  @Test("the solve(_:_:…) keywords are validated the same way")
  func keywordsAreValidated() {
    expectInvalid("abstol") { _ = try solve(decay, Tsit5(), abstol: -1.0) }
    expectInvalid("reltol") { _ = try solve(decay, Tsit5(), reltol: .nan) }
    expectInvalid("saveAt") { _ = try solve(decay, Tsit5(), saveAt: [3.0]) }
    expectInvalid("tstops") { _ = try solve(decay, Tsit5(), tstops: [.nan]) }
    expectInvalid("dtMin") { _ = try solve(decay, Tsit5(), dtMin: -1) }
  }

  @Test(
    "adaptive: true for a method without an error estimator",
    arguments: [Euler(), RK4()] as [any ExplicitRKAlgorithm])
  func adaptiveWithoutEstimator(_ alg: any ExplicitRKAlgorithm) {
    expectInvalid("adaptive") { _ = try solve(decay, alg, dt: 0.1, adaptive: true) }
  }

  @Test(
    "a fixed-step method without dt",
    arguments: [Euler(), RK4()] as [any ExplicitRKAlgorithm])
  func fixedStepWithoutDt(_ alg: any ExplicitRKAlgorithm) {
    expectInvalid("dt") { _ = try solve(decay, alg) }
  }

  @Test("backwards: saveAt must lie inside [t_f, t₀]")
  func backwardsSaveAt() throws {
    var prob = decay
    prob.tspan = (2.0, 0.0)
    _ = try solve(prob, Tsit5(), saveAt: [1.5, 0.5])
    expectInvalid("saveAt") { _ = try solve(prob, Tsit5(), saveAt: [2.5]) }
  }

  @Test("valid edge cases are accepted")
  func validEdgeCases() throws {
    // abstol 0 alone is pure relative control (as in DifferentialEquations.jl).
    #expect(try solve(decay, Tsit5(), abstol: 0.0, reltol: 1e-6).retcode == .success)
    // reltol 0 alone is pure absolute control.
    #expect(try solve(decay, Tsit5(), abstol: 1e-8, reltol: 0).retcode == .success)
    // tstops outside the span are ignored; saveAt may include both ends.
    #expect(try solve(decay, Tsit5(), tstops: [-1, 5]).retcode == .success)
    #expect(try solve(decay, Tsit5(), saveAt: [0, 2]).t == [0, 2])
    // A negative dt is accepted: its magnitude is used in the direction of integration.
    #expect(try solve(decay, Euler(), dt: -0.5).t == [0, 0.5, 1, 1.5, 2])
  }
}
