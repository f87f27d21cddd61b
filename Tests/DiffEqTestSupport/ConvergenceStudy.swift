import DifferentialEquations

/// Errors measured at a sequence of step sizes, and the order they show.
public struct ConvergenceStudy: Sendable, CustomStringConvertible {
  /// The step sizes `h`.
  public let stepSizes: [Double]
  /// The error at each step size.
  public let errors: [Double]

  /// A study of `errors` against `stepSizes`.
  public init(stepSizes: [Double], errors: [Double]) {
    precondition(stepSizes.count == errors.count && stepSizes.count >= 2)
    self.stepSizes = stepSizes
    self.errors = errors
  }

  /// The least-squares slope of `log(error)` against `log(h)`: the measured order.
  public var slope: Double { logLogSlope(stepSizes, errors) }

  /// `h = …: error` pairs and the slope.
  public var description: String {
    let pairs = zip(stepSizes, errors).map { "h = \(fixed($0, decimals: 4)): \(scientific($1))" }
    return pairs.joined(separator: ", ") + "; slope \(fixed(slope))"
  }
}

/// The global errors `maxᵢ |uᵢ(t_f) − exactᵢ|` of fixed-step solves of `problem` with
/// `method`, one solve for each number of steps in `steps` over the problem's span.
public func fixedStepConvergence<F: ODEFunction>(
  _ method: RKMethod, problem: ODEProblem<F>, exact: [Double], steps: [Int]
) throws -> ConvergenceStudy where F.State == [Double] {
  let span = problem.tspan.1 - problem.tspan.0
  var errors: [Double] = []
  for n in steps {
    let sol = try solve(
      problem, method.algorithm, dt: span / Double(n), adaptive: false, saveEveryStep: false,
      dense: false)
    guard sol.retcode == .success, let last = sol.u.last, sol.t.last == problem.tspan.1 else {
      throw ConvergenceStudyError.solveFailed(method.name, steps: n, retcode: sol.retcode)
    }
    errors.append(maxAbsDifference(last, exact))
  }
  return ConvergenceStudy(stepSizes: steps.map { abs(span) / Double($0) }, errors: errors)
}

/// A solve in a convergence study did not reach the end of its span.
public enum ConvergenceStudyError: Error, CustomStringConvertible {
  /// `method` with `steps` fixed steps ended with `retcode`.
  case solveFailed(String, steps: Int, retcode: ReturnCode)

  /// What failed.
  public var description: String {
    switch self {
    case .solveFailed(let name, let steps, let retcode):
      "\(name) with \(steps) fixed steps ended with \(retcode)"
    }
  }
}
