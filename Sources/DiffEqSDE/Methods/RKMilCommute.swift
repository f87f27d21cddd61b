/// The derivative-free Runge–Kutta Milstein method for commutative non-diagonal noise
/// (Kloeden & Platen §10.3 and §11.1; StochasticDiffEq.jl's `RKMilCommute`): strong order 1
/// when the noise-rate matrix `G` (`n × m`) satisfies `Lʲ G₍·ₖ₎ = Lᵏ G₍·ⱼ₎` with
/// `Lʲ = Σₗ Gₗⱼ ∂/∂uₗ`, in the problem's interpretation.
///
/// With `ūⱼ = uₙ + h f(uₙ) + √h G₍·ⱼ₎(uₙ)` (Itô; Stratonovich leaves out `h f`),
///
/// ```
/// uₙ₊₁ = uₙ + h f(uₙ) + G(uₙ) ΔW + ½ Σⱼ Σₖ (G₍·ₖ₎(ūⱼ) − G₍·ₖ₎(uₙ))/√h · (ΔWⱼ ΔWₖ − δⱼₖ h)
/// ```
///
/// (Stratonovich: without `− δⱼₖ h`). Commutativity makes the iterated integrals drop out:
/// `Iⱼₖ + Iₖⱼ = ΔWⱼ ΔWₖ − δⱼₖ h`. `m + 1` evaluations of `G` per step; fixed steps (`dt:`).
/// For non-commutative noise the method is only order ½ (use EM).
public struct RKMilCommute: SDEAlgorithm {
  /// The method.
  public init() {}
  /// `"RKMilCommute"`.
  public var name: String { "RKMilCommute" }
  /// Commutative Milstein.
  public var scheme: SDEScheme { .milsteinCommute }
}
