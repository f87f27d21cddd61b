#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finite-difference Jacobians `J ≈ ∂f/∂u` and time derivatives `∂f/∂t`, with scratch
/// vectors made once (nothing is allocated per evaluation).
///
/// Column `j` is a forward difference with CVODE's increment (`cvLsDenseDQJac`):
///
/// ```
/// σⱼ = max(√ε·|uⱼ|, σ_min / wⱼ),   wⱼ = 1 / (abstolⱼ + reltol·|uⱼ|),
/// σ_min = 1000·|h|·ε·n·‖f₀‖_w   (1 when ‖f₀‖_w = 0),
/// J[:, j] = (f(u + σⱼ eⱼ) − f₀) / σⱼ
/// ```
///
/// With a band of `lower` and `upper` diagonals the columns `j ≡ g (mod lower + upper + 1)`
/// are perturbed together (Curtis–Powell–Reid colouring): `lower + upper + 1` evaluations of
/// `f` instead of `n`.
public struct FiniteDifferenceJacobian<State: StateVector>: Sendable {
  /// `u + σ eⱼ` (scratch).
  @usableFromInline var perturbed: State
  /// `f(u + σ eⱼ)` (scratch).
  @usableFromInline var fPerturbed: State
  /// The increments of one colour group (scratch, banded and sparse).
  @usableFromInline var increments: [Double]
  /// Whether every increment is at least the tolerance `abstolⱼ + reltol·|uⱼ|` (IDA's
  /// `IDADenseDQJac` floor, `1/wⱼ`), for residual-form DAEs.
  public var floorsIncrementAtTolerance = false

  /// Scratch for states shaped like `prototype`.
  public init(prototype: State) {
    perturbed = prototype.zeroed()
    fPerturbed = prototype.zeroed()
    increments = [Double](repeating: 0, count: prototype.count)
  }

  /// CVODE's increment for component `j`.
  @inlinable
  static func increment(
    _ uj: Double, _ j: Int, minimum: Double, errorNorm: ErrorNorm, floor: Bool = false
  ) -> Double {
    let weight =
      1
      / ((errorNorm.abstols.isEmpty ? errorNorm.abstol : errorNorm.abstols[j])
        + errorNorm.reltol * abs(uj))
    let srur = Double.ulpOfOne.squareRoot()
    var sigma = Swift.max(srur * abs(uj), minimum / weight)
    if floor { sigma = Swift.max(sigma, 1 / weight) }
    return sigma > 0 && sigma.isFinite ? sigma : srur
  }

  /// Moves component `j` of ``perturbed`` (a copy of `u`) by its increment and returns the
  /// increment actually taken (the sum may round).
  @inlinable
  mutating func perturb(_ j: Int, of u: State, minimum: Double, errorNorm: ErrorNorm) -> Double {
    let uj = Double(u[j])
    let sigma = Self.increment(
      uj, j, minimum: minimum, errorNorm: errorNorm, floor: floorsIncrementAtTolerance)
    perturbed[j] = State.Scalar(uj + sigma)
    return Double(perturbed[j]) - uj
  }

  /// `σ_min = 1000·|h|·ε·n·‖f₀‖_w`, or 1 when `f₀` vanishes.
  @inlinable
  static func minimumIncrement(f0: State, u: State, h: Double, errorNorm: ErrorNorm) -> Double {
    let fnorm = errorNorm.norm(f0, weightsFrom: u)
    let n = Double(u.count)
    return fnorm > 0 && fnorm.isFinite ? 1000 * abs(h) * Double.ulpOfOne * n * fnorm : 1
  }

  /// Writes the dense forward-difference Jacobian at `(u, t)` into `jacobian` (`n` evaluations of
  /// `f`, counted in `stats.nf`); `f0 = f(u, p, t)` is given.
  @inlinable
  public mutating func dense<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, f0: State, h: Double,
    errorNorm: ErrorNorm, into jacobian: inout DenseMatrix, stats: inout SolverStats
  ) where F.State == State {
    let n = u.count
    let minimum = Self.minimumIncrement(f0: f0, u: u, h: h, errorNorm: errorNorm)
    perturbed.assign(u)
    for j in 0..<n {
      let taken = perturb(j, of: u, minimum: minimum, errorNorm: errorNorm)
      f(&fPerturbed, perturbed, p, t)
      let inverse = 1 / taken
      jacobian.storage.withUnsafeMutableBufferPointer { a in
        for i in 0..<n { a[i + j * n] = (Double(fPerturbed[i]) - Double(f0[i])) * inverse }
      }
      perturbed[j] = u[j]
    }
    stats.nf += n
  }

  /// Writes the banded forward-difference Jacobian at `(u, t)` into `jacobian` (entries outside the
  /// band are not touched), perturbing `lower + upper + 1` column groups at once.
  @inlinable
  public mutating func banded<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, f0: State, h: Double,
    errorNorm: ErrorNorm, into jacobian: inout BandedMatrix, stats: inout SolverStats
  ) where F.State == State {
    let n = u.count
    let kl = jacobian.lower
    let ku = jacobian.upper
    let width = Swift.min(kl + ku + 1, n)
    let minimum = Self.minimumIncrement(f0: f0, u: u, h: h, errorNorm: errorNorm)
    perturbed.assign(u)
    for group in 0..<width {
      for j in stride(from: group, to: n, by: width) {
        increments[j] = perturb(j, of: u, minimum: minimum, errorNorm: errorNorm)
      }
      f(&fPerturbed, perturbed, p, t)
      for j in stride(from: group, to: n, by: width) {
        let inverse = 1 / increments[j]
        for i in Swift.max(0, j - ku)...Swift.min(n - 1, j + kl) {
          jacobian[i, j] = (Double(fPerturbed[i]) - Double(f0[i])) * inverse
        }
        perturbed[j] = u[j]
      }
    }
    stats.nf += width
  }

  /// Writes the forward-difference Jacobian at `(u, t)` into the values of `jacobian` (its
  /// pattern is the sparsity of `∂f/∂u`), perturbing the columns of one colour of `colouring`
  /// at once: `colouring.count` evaluations of `f` instead of `n`.
  @inlinable
  public mutating func sparse<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, f0: State, h: Double,
    errorNorm: ErrorNorm, colouring: ColumnColouring, into jacobian: inout SparseMatrixCSC,
    stats: inout SolverStats
  ) where F.State == State {
    let minimum = Self.minimumIncrement(f0: f0, u: u, h: h, errorNorm: errorNorm)
    perturbed.assign(u)
    for colour in 0..<colouring.count {
      let group = colouring.groupStarts[colour]..<colouring.groupStarts[colour + 1]
      for m in group {
        let j = colouring.columns[m]
        increments[j] = perturb(j, of: u, minimum: minimum, errorNorm: errorNorm)
      }
      f(&fPerturbed, perturbed, p, t)
      jacobian.values.withUnsafeMutableBufferPointer { values in
        for m in group {
          let j = colouring.columns[m]
          let inverse = 1 / increments[j]
          for k in jacobian.columnPointers[j]..<jacobian.columnPointers[j + 1] {
            let i = jacobian.rowIndices[k]
            values[k] = (Double(fPerturbed[i]) - Double(f0[i])) * inverse
          }
          perturbed[j] = u[j]
        }
      }
    }
    stats.nf += colouring.count
  }

  /// Writes `∂f/∂t ≈ (f(u, t + δ) − f₀)/δ` into `out`, `δ = √ε·max(|t|, 1)` (FiniteDiff.jl's
  /// forward step; not scaled by `h`, whose smallness would only add cancellation).
  @inlinable
  public mutating func timeDerivative<F: ODEFunction>(
    _ f: F, _ p: F.Parameters, t: Double, u: State, f0: State, h: Double,
    into out: inout State, stats: inout SolverStats
  ) where F.State == State {
    let scale = Swift.max(abs(t), 1)
    var delta = Double.ulpOfOne.squareRoot() * scale
    delta = (t + delta) - t
    f(&fPerturbed, u, p, t + delta)
    stats.nf += 1
    for i in 0..<u.count {
      out[i] = State.Scalar((Double(fPerturbed[i]) - Double(f0[i])) / delta)
    }
  }
}
