import DiffEqBase
@_exported import DiffEqProblemLibrary

/// Test problems with known solutions: closed forms, and published reference values copied
/// from ../shared/reference/problems.json with their sources.
public enum TestProblems {}

// MARK: - y′ = −2t y²

extension TestProblems {
  /// The scalar, non-autonomous, nonlinear `y′ = −2t y²` with `y(t) = 1/(1 + t²)`
  /// (so `y(0) = 1`) on `tspan`, starting from the exact value at `tspan.0`.
  ///
  /// Its poles at `t = ±i` limit the step sizes over which the error is asymptotic.
  public static func riccati(tspan: (Double, Double))
    -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>>
  {
    ODEProblem(u0: [riccatiExact(tspan.0)], tspan: tspan) { du, u, _, t in
      du[0] = -2 * t * u[0] * u[0]
    }
  }

  /// `y(t) = 1/(1 + t²)`, the solution of `y′ = −2t y²`, `y(0) = 1`.
  public static func riccatiExact(_ t: Double) -> Double { 1 / (1 + t * t) }

  /// `y′(t) = −2t/(1 + t²)²`.
  public static func riccatiExactDerivative(_ t: Double) -> Double {
    -2 * t / ((1 + t * t) * (1 + t * t))
  }
}

// MARK: - A rotating limit cycle

extension TestProblems {
  /// A two-dimensional, nonlinear, non-autonomous system with a closed-form solution: the
  /// attracting unit circle turned at the angular speed `cos t`,
  ///
  /// ```
  /// u₁′ = −cos(t) u₂ + u₁ (1 − |u|²),   u₂′ = cos(t) u₁ + u₂ (1 − |u|²),   u(0) = (r₀, 0).
  /// ```
  ///
  /// In polar form `r′ = r(1 − r²)`, `φ′ = cos t`, so (`u = r (cos φ, sin φ)`)
  ///
  /// ```
  /// r(t) = 1/√(1 + (1/r₀² − 1) e^(−2t)),   φ(t) = sin t.
  /// ```
  ///
  /// The solution is analytic in the strip `|Im t| < π/2`.
  public static func rotatingLimitCycle(r0: Double = 0.5, tEnd: Double)
    -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>>
  {
    ODEProblem(u0: [r0, 0], tspan: (0, tEnd)) { du, u, _, t in
      let w = cos(t)
      let g = 1 - (u[0] * u[0] + u[1] * u[1])
      du[0] = -w * u[1] + u[0] * g
      du[1] = w * u[0] + u[1] * g
    }
  }

  /// The exact solution of ``rotatingLimitCycle(r0:tEnd:)`` at `t`.
  public static func rotatingLimitCycleExact(_ t: Double, r0: Double = 0.5) -> [Double] {
    let r = 1 / (1 + (1 / (r0 * r0) - 1) * exp(-2 * t)).squareRoot()
    let phi = sin(t)
    return [r * cos(phi), r * sin(phi)]
  }
}

// MARK: - Kepler

extension TestProblems {
  /// Kepler's two-body problem `q′ = p`, `p′ = −q/|q|³` with eccentricity `e`, starting at the
  /// pericentre: `y₀ = (1 − e, 0, 0, √((1 + e)/(1 − e)))`, `y₀ = (0.4, 0, 0, 2)` for `e = 0.6`.
  /// Period `2π`. Hairer–Lubich–Wanner, "Geometric Numerical Integration" (2006), Sect. I.2;
  /// problems.json id "kepler".
  public static func kepler(eccentricity e: Double = 0.6, tEnd: Double) -> ODEProblem<Kepler> {
    Kepler.problem(eccentricity: e, tEnd: tEnd)
  }

  /// The closed-form Kepler solution (``Kepler/exact(_:eccentricity:)``).
  public static func keplerExact(_ t: Double, eccentricity e: Double = 0.6) -> [Double] {
    Kepler.exact(t, eccentricity: e)
  }
}

// MARK: - Arenstorf orbit

extension TestProblems {
  /// The Arenstorf orbit of the restricted three-body problem, periodic with period
  /// ``arenstorfPeriod`` (Hairer–Nørsett–Wanner I, p. 129; equations as in SciML
  /// DiffEqProblemLibrary.jl `prob_ode_threebody`; problems.json id "arenstorf"), over
  /// `(0, tEnd)`. `y₀ = (0.994, 0, 0, −2.00158510637908252240537862224)`, `μ = 0.012277471`.
  public static func arenstorf(tEnd: Double = arenstorfPeriod) -> ODEProblem<Arenstorf> {
    Arenstorf.problem(tEnd: tEnd)
  }

  /// problems.json "arenstorf" `y0_str` (``Arenstorf/initialValue``).
  public static let arenstorfInitialValue = Arenstorf.initialValue

  /// problems.json "arenstorf" `tend_str` (``Arenstorf/period``).
  public static let arenstorfPeriod = Arenstorf.period
}

// MARK: - Pleiades

extension TestProblems {
  /// PLEI, the Pleiades problem: seven bodies in the plane with masses `mⱼ = j`,
  /// `xᵢ″ = Σ_{j≠i} mⱼ (xⱼ − xᵢ)/rᵢⱼ^(3/2)` with `rᵢⱼ` the squared distance; state order
  /// `x₁…x₇, y₁…y₇, x₁′…x₇′, y₁′…y₇′`, on `(0, 3)`. Test Set for IVP Solvers (Bari), plei.F
  /// rev 1.2 (via CRAN deTestSet src/Ex_pleiades.f, subroutine pleiafunc); problems.json id
  /// "plei".
  public static func pleiades(tEnd: Double = 3) -> ODEProblem<Pleiades> {
    Pleiades.problem(tEnd: tEnd)
  }

  /// problems.json "plei" `y0` (``Pleiades/initialValue``).
  public static let pleiadesInitialValue = Pleiades.initialValue

  /// The PLEI reference at `t = 3` (``Pleiades/reference``: problems.json "plei", PSIDE at
  /// 1e-16).
  public static let pleiadesReference = Pleiades.reference
}

// MARK: - A graded polynomial system

extension TestProblems {
  /// A nonlinear, non-autonomous system of `n` equations whose solution is the polynomial
  /// `yₖ(t) = tᵏ/k!` and on which a Runge–Kutta method of order `n − 1` makes an error of
  /// exactly `C hⁿ⁻¹`: a convergence test with no higher-order terms to mask the order.
  ///
  /// ```
  /// y₁′ = 1,   y₂′ = (2t + y₁)/3,
  /// yₖ′ = (5/8) yₖ₋₁ + t yₖ₋₂/(4(k − 1)) + yₐ y_b · a! b!/(8 (k − 1)!),
  /// a = ⌊(k − 1)/2⌋,  b = k − 1 − a
  /// ```
  ///
  /// (the terms are 5/8, 1/4 and 1/8 of `tᵏ⁻¹/(k − 1)!`; unequal fractions keep the trees'
  /// contributions from cancelling — with thirds, Heun's method is exact on it, and with
  /// halves Ralston's interpolant is exact at θ = 1/2). Give `t` weight 1 and `yₖ` weight `k`:
  /// `fₖ` is then a polynomial of weight `k − 1`, so the elementary differential of a tree `τ`
  /// has weight `k − |τ|` in component `k` — it vanishes for `|τ| > k`, and is a constant for
  /// `|τ| = k`. A method of order `p = n − 1` therefore integrates `y₁ … yₚ` exactly (up to
  /// rounding), and its local error in `yₙ` is the same constant `C hⁿ` in every step (a sum
  /// over the trees of order `n` with at most binary branching); `f` does not depend on `yₙ`,
  /// so the global error is exactly `(t_f − t₀) C hᵖ`. Likewise a continuous extension of order
  /// `q = n − 1` errs by exactly `C(θ) hⁿ` within one step.
  public static func gradedPolynomial(components n: Int, tspan: (Double, Double))
    -> ODEProblem<InPlaceODEFunction<[Double], NullParameters>>
  {
    precondition(n >= 2)
    // coefficient[k] = a! b!/(k − 1)! for component k (1-based), a = ⌊(k − 1)/2⌋.
    var coefficient = [Double](repeating: 0, count: n + 1)
    for k in stride(from: 3, through: n, by: 1) {
      let a = (k - 1) / 2
      let b = k - 1 - a
      coefficient[k] = factorial(a) * factorial(b) / factorial(k - 1)
    }
    let weights = coefficient
    return ODEProblem(u0: gradedPolynomialExact(tspan.0, components: n), tspan: tspan) {
      du, u, _, t in
      du[0] = 1
      du[1] = (2 * t + u[0]) / 3
      for k in stride(from: 3, through: u.count, by: 1) {
        let a = (k - 1) / 2
        let b = k - 1 - a
        let product = u[a - 1] * u[b - 1] * weights[k]
        du[k - 1] = 5 * u[k - 2] / 8 + t * u[k - 3] / (4 * Double(k - 1)) + product / 8
      }
    }
  }

  /// `yₖ(t) = tᵏ/k!`, `k = 1 … n`: the solution of ``gradedPolynomial(components:tspan:)``.
  public static func gradedPolynomialExact(_ t: Double, components n: Int) -> [Double] {
    (1...n).map { pow(t, Double($0)) / factorial($0) }
  }

  /// `yₖ′(t) = tᵏ⁻¹/(k − 1)!`.
  public static func gradedPolynomialExactDerivative(_ t: Double, components n: Int)
    -> [Double]
  {
    (1...n).map { pow(t, Double($0 - 1)) / factorial($0 - 1) }
  }

  private static func factorial(_ n: Int) -> Double {
    (0..<max(n, 0)).reduce(1.0) { $0 * Double($1 + 1) }
  }
}
