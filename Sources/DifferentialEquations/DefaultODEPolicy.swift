/// The one source of truth for what `solve(prob)` uses when no method is named: which
/// explicit method, which stiff method, and whether they switch. The table is checked against
/// ``choice(count:reltol:hasMassMatrix:sparseJacobian:hints:)`` by a test ("the documented default table
/// matches the code"), row by row:
///
/// | n | reltol | mass matrix | Jacobian | hints | choice |
/// |---|---|---|---|---|---|
/// | 3 | 1e-3 | no | dense | auto | Tsit5 ⇄ Rosenbrock23 |
/// | 3 | 1e-4 | no | dense | auto | Tsit5 ⇄ Rodas5P |
/// | 3 | 1e-5 | no | dense | auto | Vern7 ⇄ Rodas5P |
/// | 3 | 1e-6 | no | dense | auto | Vern7 ⇄ Rodas5P |
/// | 3 | 1e-9 | no | dense | auto | Vern9 ⇄ Rodas5P |
/// | 3 | 1e-11 | no | dense | auto | Vern9 ⇄ Rodas5P |
/// | 200 | 1e-6 | no | dense | auto | Vern7 ⇄ Rodas5P |
/// | 499 | 1e-4 | no | dense | auto | Tsit5 ⇄ Rodas5P |
/// | 500 | 1e-4 | no | dense | auto | Tsit5 ⇄ FBDF |
/// | 2048 | 1e-6 | no | sparse | auto | Vern7 ⇄ FBDF |
/// | 20 | 1e-3 | no | sparse | auto | Tsit5 ⇄ FBDF |
/// | 3 | 1e-6 | yes | dense | auto | Rodas5P |
/// | 600 | 1e-6 | yes | dense | auto | Rodas5P |
/// | 3 | 1e-6 | no | dense | stiff | Rodas5P |
/// | 600 | 1e-6 | no | dense | stiff | FBDF |
/// | 3 | 1e-3 | no | dense | stiff | Rosenbrock23 |
/// | 3 | 1e-4 | no | dense | nonstiff | Tsit5 |
/// | 3 | 1e-8 | no | dense | nonstiff | Vern7 |
///
/// The thresholds and the measurements behind them (`diffeq-bench --default`, release, this
/// project's 2-core machine; see the closing notes of the issue that added them):
public enum DefaultODEPolicy {
  /// Above this relative tolerance the explicit method is Tsit5, at or below it Vern7.
  /// `diffeq-bench --default` (time at matched error on the ladder reltol = 10⁻ᵏ): at k = 4
  /// Tsit5 is as fast as Vern7 or faster on Lorenz, Lotka–Volterra, Arenstorf and the rigid
  /// body; from k = 5 Vern7 is faster on all of them and on PLEI (at k = 6 by 1.2–1.4x).
  /// DifferentialEquations.jl switches at 1e-6.
  public static let vern7AtReltol = 1e-5
  /// At or below this relative tolerance the explicit method is Vern9: at k = 9 Vern9 beats
  /// Vern7 at matched error on Lorenz, Lotka–Volterra, Arenstorf and PLEI; at k = 8 they tie.
  public static let vern9AtReltol = 1e-9
  /// At or above this relative tolerance the stiff method (below ``fbdfFromSize``) is
  /// Rosenbrock23, below it Rodas5P. At k = 3 (reltol 1e-3) Rosenbrock23 is the faster on
  /// HIRES (0.135 vs 0.148 ms), ROBER (0.094 vs 0.154 ms), POLLU (0.16 vs 0.31 ms) and
  /// OREGO (0.26 vs 0.42 ms) — though at those times Rodas5P gives more digits; from k = 4
  /// Rodas5P reaches any error Rosenbrock23 reaches sooner on every stiff problem of the suite.
  /// DifferentialEquations.jl uses Rosenbrock23 only at reltol ≥ 1e-2.
  public static let rosenbrock23AtReltol = 1e-3
  /// From this many equations the stiff method is FBDF (it reuses the factorization of `W`
  /// across steps; a Rosenbrock method factors it every step), and at any size when the
  /// problem gives a `.sparse` `jacPrototype` (Rosenbrock methods have dense and banded LU
  /// only). `diffeq-bench --sizes`, time at matched error at reltol 1e-6: on the linear heat
  /// equation Rodas5P is 4–7x faster than FBDF at every size from 25 to 400 (Rosenbrock
  /// methods are exact-order on linear problems); on the nonlinear 2-D Brusselator with a
  /// dense Jacobian FBDF is faster from n = 32 on, by 1.3–2.4x (n = 32…512). The threshold
  /// keeps the bounded loss (≤ 2.4x) on the Rosenbrock side below 500 equations, where dense
  /// LU per step is still cheap, and DifferentialEquations.jl's `MEDIUMSIZE` (500) above.
  public static let fbdfFromSize = 500

  /// What `solve(prob)` uses for `n` equations at `reltol`, with or without a mass matrix,
  /// under the user's `hints`.
  public static func choice(
    count n: Int, reltol: Double, hasMassMatrix: Bool, sparseJacobian: Bool = false,
    hints: Set<ODEAlgorithmHint>
  ) -> DefaultODEChoice {
    let nonstiff: DefaultODEChoice.Nonstiff =
      reltol > vern7AtReltol ? .tsit5 : (reltol > vern9AtReltol ? .vern7 : .vern9)
    let stiff: DefaultODEChoice.Stiff
    if hasMassMatrix {
      // FBDF has no mass matrices yet: a Rosenbrock method at any size.
      stiff = reltol >= rosenbrock23AtReltol ? .rosenbrock23 : .rodas5P
    } else if n >= fbdfFromSize || sparseJacobian {
      stiff = .fbdf
    } else {
      stiff = reltol >= rosenbrock23AtReltol ? .rosenbrock23 : .rodas5P
    }
    let reltolText = "reltol \(reltol)"
    if hasMassMatrix {
      return DefaultODEChoice(
        nonstiff: nil, stiff: stiff, reason: "a mass matrix (stiff method only), \(reltolText)")
    }
    if hints.contains(.stiff) {
      return DefaultODEChoice(
        nonstiff: nil, stiff: stiff, reason: "hint .stiff, n = \(n), \(reltolText)")
    }
    if hints.contains(.nonstiff) {
      return DefaultODEChoice(
        nonstiff: nonstiff, stiff: nil, reason: "hint .nonstiff, \(reltolText)")
    }
    let size =
      sparseJacobian
      ? "a sparse Jacobian, n = \(n)"
      : n >= fbdfFromSize ? "n = \(n) ≥ \(fbdfFromSize)" : "n = \(n) < \(fbdfFromSize)"
    return DefaultODEChoice(nonstiff: nonstiff, stiff: stiff, reason: "\(size), \(reltolText)")
  }
}

/// The default's choice: an explicit method, a stiff method, or both with switching.
public struct DefaultODEChoice: Sendable, Equatable, CustomStringConvertible {
  /// The explicit methods the default uses.
  public enum Nonstiff: String, Sendable {
    case tsit5 = "Tsit5"
    case vern7 = "Vern7"
    case vern9 = "Vern9"
  }
  /// The stiff methods the default uses.
  public enum Stiff: String, Sendable {
    case rosenbrock23 = "Rosenbrock23"
    case rodas5P = "Rodas5P"
    case fbdf = "FBDF"
  }

  /// The explicit method, `nil` when only the stiff one is used.
  public let nonstiff: Nonstiff?
  /// The stiff method, `nil` when only the explicit one is used.
  public let stiff: Stiff?
  /// Why (size, tolerance, hints).
  public let reason: String

  /// `"Tsit5 ⇄ Rodas5P"`, `"Rodas5P"` or `"Tsit5"` (the notation of the policy's table).
  public var description: String {
    switch (nonstiff, stiff) {
    case (let n?, let s?): return "\(n.rawValue) ⇄ \(s.rawValue)"
    case (let n?, nil): return n.rawValue
    case (nil, let s?): return s.rawValue
    case (nil, nil): return "none"
    }
  }
}
