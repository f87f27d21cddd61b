import DiffEqTestSupport
import DifferentialEquations
import Testing

@Suite("DDE input validation")
struct ValidationTests {
  typealias Problem = DDEProblem<InPlaceDDEFunction<[Double], Void>>

  static func problem(
    u0: [Double] = [1.0], history: @escaping @Sendable ((), Double) -> [Double] = { _, _ in [0.0] },
    lags: [Double] = [1.0], dependentLags: [@Sendable ([Double], (), Double) -> Double] = [],
    neutral: Bool = false
  ) -> Problem {
    DDEProblem(
      u0: u0, history: history, tspan: (0.0, 2.0), p: (), constantLags: lags,
      dependentLags: dependentLags, neutral: neutral
    ) { du, u, h, p, t in
      du[0] = -h(t - 1.0, index: 0)
    }
  }

  static func field(_ problem: Problem) -> String? {
    do {
      _ = try solve(problem, MethodOfSteps(Tsit5()))
      return nil
    } catch let error as DiffEqError {
      #expect(!error.message.isEmpty)
      return error.field
    } catch {
      return "unexpected \(error)"
    }
  }

  @Test("negative, zero or non-finite constant lags throw naming constantLags")
  func badConstantLags() {
    for lag in [-1.0, 0.0, .nan, .infinity] {
      #expect(Self.field(Self.problem(lags: [1.0, lag])) == "constantLags", "lag \(lag)")
    }
  }

  @Test("a history of the wrong size or with non-finite values throws naming history")
  func badHistory() {
    #expect(Self.field(Self.problem(history: { _, _ in [0.0, 1.0] })) == "history")
    #expect(Self.field(Self.problem(history: { _, t in [t < -0.5 ? .nan : 0] })) == "history")
  }

  @Test("a dependent lag negative or non-finite at t₀ throws naming dependentLags")
  func badDependentLag() {
    #expect(Self.field(Self.problem(dependentLags: [{ _, _, _ in -0.5 }])) == "dependentLags")
    #expect(Self.field(Self.problem(dependentLags: [{ _, _, _ in .nan }])) == "dependentLags")
  }

  @Test("a neutral problem without the history's derivative throws naming historyDerivative")
  func neutralNeedsDerivative() {
    #expect(Self.field(Self.problem(neutral: true)) == "historyDerivative")
  }

  @Test("the ODE fields are checked too")
  func odeFields() {
    #expect(Self.field(Self.problem(u0: [.nan])) == "u0")
    #expect(Self.field(Self.problem(u0: [])) == "u0")
    #expect(throws: DiffEqError.self) {
      try solve(Self.problem(), MethodOfSteps(Tsit5()), reltol: -1)
    }
    #expect(throws: DiffEqError.self) {
      try solve(Self.problem(), MethodOfSteps(Tsit5(), fixedPointTolerance: 0))
    }
  }

  @Test("a right-hand side that blows up ends with a return code and the partial solution")
  func failureIsAReturnCode() throws {
    // The spelling: history as an argument, f as the trailing closure.
    // swift-format-ignore: OnlyOneTrailingClosureArgument
    let prob = DDEProblem(
      u0: [1.0], history: { _, _ in [1.0] }, tspan: (0.0, 10.0), p: (), constantLags: [0.5]
    ) { du, u, h, p, t in
      du[0] = h(t - 0.5, index: 0) * u[0] * u[0] * 10
    }
    let sol = try solve(prob, MethodOfSteps(Tsit5()))
    #expect(sol.retcode != .success)
    #expect(sol.diagnostic != nil)
    #expect(sol.t.count > 1)
  }
}
