import DiffEqBase

/// A method for stochastic differential equations (`EM()`, `EulerHeun()`, `RKMil()`).
public protocol SDEAlgorithm: Sendable {
  /// The method's name as in DifferentialEquations.jl.
  var name: String { get }
  /// The scheme.
  var scheme: SDEScheme { get }
}

/// The fixed-step schemes (Kloeden & Platen, *Numerical Solution of Stochastic Differential
/// Equations*, Springer 1992), with `h` the step, `ΔW` the Wiener increment:
///
/// ```
/// eulerMaruyama:  uₙ₊₁ = uₙ + f(uₙ)h + g(uₙ)ΔW                      (Itô; strong order ½)
/// eulerHeun:      ū = uₙ + f(uₙ)h + g(uₙ)ΔW,
///                 uₙ₊₁ = uₙ + ½(f(uₙ) + f(ū))h + ½(g(uₙ) + g(ū))ΔW   (Stratonovich; ½)
/// milstein:       ū = uₙ + f(uₙ)h + g(uₙ)√h,
///                 uₙ₊₁ = uₙ + f h + g ΔW + (g(ū) − g(uₙ))(ΔW² − h)/(2√h)   (Itô; order 1)
///                 Stratonovich: ū = uₙ + g(uₙ)√h and ΔW² in place of ΔW² − h
/// ```
///
/// (the derivative-free Runge–Kutta Milstein scheme, KP (11.1.5); diagonal or scalar noise).
public enum SDEScheme: Sendable, Equatable {
  /// Euler–Maruyama.
  case eulerMaruyama
  /// The stochastic Heun method.
  case eulerHeun
  /// Derivative-free Milstein.
  case milstein
  /// Derivative-free Milstein for commutative non-diagonal noise.
  case milsteinCommute
  /// A Rößler SRI method (strong order 1.5, diagonal or scalar Itô noise, adaptive).
  case sri(SRITableau)
  /// A Rößler SRA method (strong order 1.5, additive noise, adaptive).
  case sra(SRATableau)
  /// Euler–Maruyama with Lamba's drift/diffusion error estimate (adaptive, strong order ½).
  case lambaEM
  /// Drift-implicit Euler–Maruyama (θ-method in the drift; for stiff drift).
  case implicitEM(theta: Double)
  /// Drift-implicit Runge–Kutta Milstein.
  case implicitRKMil(theta: Double)

  /// Whether the drift is implicit (a Newton iteration per step).
  public var isImplicit: Bool {
    switch self {
    case .implicitEM, .implicitRKMil: true
    default: false
    }
  }

  /// Whether the scheme estimates its error (and steps adaptively by default).
  public var isAdaptive: Bool {
    switch self {
    case .sri, .sra, .lambaEM: true
    default: false
    }
  }
}

/// Euler–Maruyama: strong order ½, weak order 1, Itô; any noise shape.
public struct EM: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"EM"`.
  public var name: String { "EM" }
  /// Euler–Maruyama.
  public var scheme: SDEScheme { .eulerMaruyama }
}

/// The stochastic Heun method: strong order ½ for Stratonovich problems; any noise shape.
public struct EulerHeun: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"EulerHeun"`.
  public var name: String { "EulerHeun" }
  /// Heun.
  public var scheme: SDEScheme { .eulerHeun }
}

/// Adaptive Euler–Maruyama (Lamba 2003; StochasticDiffEq.jl's `LambaEM`): with
/// `K = uₙ + h f(uₙ)` and `L = g(K, tₙ + h)`,
///
/// ```
/// uₙ₊₁ = K + L ΔW
/// E_d = h (f(K, tₙ + h) − f(uₙ, tₙ))/2,   E_n = (g(K + √h L, tₙ) − L)/√h · h/√2
/// EEst = ‖(E_d + E_n)/(abstol + max(|uₙ|, |uₙ₊₁|)·reltol)‖_rms
/// ```
///
/// `E_n` is the Milstein term `g g′(ΔW² − h)/2` EM leaves out, at its standard deviation
/// `g g′ h/√2`, not at the realized `ΔW`: whether a step is accepted must not depend on its own
/// increment. (With the realized `ΔW² − h`, rejections pick out the large increments and the
/// quadratic variation along the accepted steps falls ~5% short of `t` on GBM at every
/// tolerance — EM's error is `−β²/2 Σ(ΔW² − h)` there, so the solution kept a ~2% bias that
/// tighter tolerances did not remove; cf. Gaines & Lyons 1997.)
///
/// Strong order ½, Itô; diagonal, scalar, additive or non-diagonal noise. With non-diagonal
/// noise (`n × m` rate `G`) the step is `K + G(K) ΔW` and the support of the estimate is
/// `K + √h Σⱼ G₍·ⱼ₎(K)`: `E_nᵢ = Σⱼ (G(K + √h Σₖ G₍·ₖ₎) − G(K))ᵢⱼ/√h · h/√2` (an indicator).
public struct LambaEM: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"LambaEM"`.
  public var name: String { "LambaEM" }
  /// Adaptive Euler–Maruyama.
  public var scheme: SDEScheme { .lambaEM }
}

/// Drift-implicit Euler–Maruyama for stiff drift (Kloeden & Platen §12.2):
///
/// ```
/// uₙ₊₁ = uₙ + h (θ f(uₙ₊₁, tₙ₊₁) + (1 − θ) f(uₙ, tₙ)) + g(uₙ, tₙ) ΔW
/// ```
///
/// solved by simplified Newton with the finite-difference Jacobian of `f` at `uₙ` and one LU of
/// `I − θh J` per step. θ = 1 (the default) is L-stable in the drift, θ = ½ the trapezoidal
/// rule. Strong order ½, Itô, any noise shape, fixed steps.
public struct ImplicitEM: SDEAlgorithm {
  /// The implicitness θ ∈ [0, 1].
  public var theta: Double
  /// The method (θ = 1 by default).
  public init(theta: Double = 1) { self.theta = theta }
  /// `"ImplicitEM"`.
  public var name: String { "ImplicitEM" }
  /// Drift-implicit Euler–Maruyama.
  public var scheme: SDEScheme { .implicitEM(theta: theta) }
}

/// Drift-implicit Runge–Kutta Milstein for stiff drift: ``ImplicitEM``'s drift with RKMil's
/// noise terms. Strong order 1, diagonal or scalar noise, Itô or Stratonovich, fixed steps.
public struct ImplicitRKMil: SDEAlgorithm {
  /// The implicitness θ ∈ [0, 1].
  public var theta: Double
  /// The method (θ = 1 by default).
  public init(theta: Double = 1) { self.theta = theta }
  /// `"ImplicitRKMil"`.
  public var name: String { "ImplicitRKMil" }
  /// Drift-implicit Milstein.
  public var scheme: SDEScheme { .implicitRKMil(theta: theta) }
}

/// The derivative-free Runge–Kutta Milstein method: strong order 1 for diagonal or scalar
/// noise, in the problem's interpretation (Itô or Stratonovich).
public struct RKMil: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"RKMil"`.
  public var name: String { "RKMil" }
  /// Milstein.
  public var scheme: SDEScheme { .milstein }
}
