/// The coefficients of a Rößler SRI method (diagonal or scalar Itô noise, strong order 1.5),
/// with Rackauckas and Nie's error embedding. With `h` the step, `ΔW`, `ΔZ` independent
/// `N(0, h)` and `χ₁ = (ΔW² − h)/(2√h)`, `χ₂ = (ΔW + ΔZ/√3)/2`, `χ₃ = (ΔW³ − 3hΔW)/(6h)`:
///
/// ```
/// H⁰ᵢ = uₙ + h Σ_{j<i} A⁰ᵢⱼ fⱼ + χ₂ Σ_{j<i} B⁰ᵢⱼ gⱼ,   fᵢ = f(H⁰ᵢ, tₙ + c⁰ᵢh)
/// H¹ᵢ = uₙ + h Σ_{j<i} A¹ᵢⱼ fⱼ + √h Σ_{j<i} B¹ᵢⱼ gⱼ,   gᵢ = g(H¹ᵢ, tₙ + c¹ᵢh)
/// E₂ = Σᵢ (β⁽³⁾ᵢ χ₂ + β⁽⁴⁾ᵢ χ₃) gᵢ,   E₁ = h Σ_{i ≤ errorTerms} fᵢ
/// uₙ₊₁ = uₙ + h Σᵢ αᵢ fᵢ + Σᵢ (β⁽¹⁾ᵢ ΔW + β⁽²⁾ᵢ χ₁) gᵢ + E₂
/// EEst = ‖(δ E₁ + E₂) / (abstol + max(|uₙ|, |uₙ₊₁|)·reltol)‖_rms
/// ```
///
/// (products with the noise componentwise). `Verification/SDE/` holds the coefficients with
/// their sources and a numerical check of the orders.
public struct SRITableau: Sendable, Equatable {
  /// The method's name.
  public let name: String
  /// Stage times of the drift and diffusion stages.
  public let c0: [Double]
  /// Stage times of the diffusion stages.
  public let c1: [Double]
  /// Strictly lower triangles (rows 2…s concatenated) of `A⁰`, `A¹`, `B⁰`, `B¹`.
  public let a0: [Double]
  /// `A¹`.
  public let a1: [Double]
  /// `B⁰`.
  public let b0: [Double]
  /// `B¹`.
  public let b1: [Double]
  /// Drift weights.
  public let alpha: [Double]
  /// Noise weights of `ΔW`, `χ₁`, `χ₂`, `χ₃`.
  public let beta1: [Double]
  /// `β⁽²⁾`.
  public let beta2: [Double]
  /// `β⁽³⁾`.
  public let beta3: [Double]
  /// `β⁽⁴⁾`.
  public let beta4: [Double]
  /// Weight of the drift part in the error estimate.
  public let delta: Double
  /// Number of drift stages summed into `E₁`.
  public let errorTerms: Int

  /// Number of stages.
  public var stageCount: Int { alpha.count }
}

/// The coefficients of a Rößler SRA method for additive noise (strong order 1.5):
///
/// ```
/// H⁰ᵢ = uₙ + h Σ_{j<i} A⁰ᵢⱼ fⱼ + χ₂ Σ_{j<i} B⁰ᵢⱼ gⱼ,   fᵢ = f(H⁰ᵢ, tₙ + c⁰ᵢh),  gᵢ = g(tₙ + c¹ᵢh)
/// E₂ = χ₂ Σᵢ β⁽²⁾ᵢ gᵢ,   E₁ = h Σᵢ fᵢ
/// uₙ₊₁ = uₙ + h Σᵢ αᵢ fᵢ + ΔW Σᵢ β⁽¹⁾ᵢ gᵢ + E₂,   EEst as for ``SRITableau`` with δ = 1
/// ```
public struct SRATableau: Sendable, Equatable {
  /// The method's name.
  public let name: String
  /// Drift stage times.
  public let c0: [Double]
  /// Noise stage times.
  public let c1: [Double]
  /// Strictly lower triangles of `A⁰` and `B⁰`.
  public let a0: [Double]
  /// `B⁰`.
  public let b0: [Double]
  /// Drift weights.
  public let alpha: [Double]
  /// Weights of `ΔW` and `χ₂`.
  public let beta1: [Double]
  /// `β⁽²⁾`.
  public let beta2: [Double]

  /// Number of stages.
  public var stageCount: Int { alpha.count }
}
