/// Restarted GMRES(m) (Saad & Schultz, 1986; Saad, *Iterative Methods for Sparse Linear
/// Systems*, 2nd ed., §6.5) for `A x = b`, with `A` given only as a product `v ↦ A·v` — the
/// linear solver of Newton–Krylov iterations (CVODE's SPGMR), where `A = I − γJ` and `J·v` is
/// a directional difference `(f(u + σv) − f(u))/σ`.
///
/// **Norm.** Everything is measured in the weighted RMS norm of CVODE,
/// `‖v‖_W = √(Σᵢ (wᵢ vᵢ)² / n)` (`wᵢ = 1` without weights), and the Arnoldi process
/// orthonormalizes in its inner product `⟨u, v⟩_W = Σᵢ wᵢ² uᵢ vᵢ / n`, so GMRES minimizes
/// `‖b − A x‖_W` itself (what CVODE gets by scaling with `s1 = s2 = w`).
///
/// **Right preconditioning.** With `M ≈ A`, GMRES is applied to `A M⁻¹ u = r₀`,
/// `x = x₀ + M⁻¹ u`: the residual it minimizes and monitors, `b − A x`, is the true residual
/// of the unpreconditioned system, whatever `M`. `M` must stay the same during a solve.
///
/// **One cycle** (`β = ‖r₀‖_W`, `v₀ = r₀/β`), for `j = 0, 1, …, m − 1`:
/// 1. `w = A M⁻¹ v_j` (one operator and one preconditioner application);
/// 2. modified Gram–Schmidt: for `i = 0 … j`, `h_ij = ⟨w, v_i⟩_W`, `w ← w − h_ij v_i`;
///    when `‖w‖_W` fell below ``reorthogonalizationThreshold`` times its value before, a
///    second pass adds its coefficients to `h_ij` (cancellation hid the loss of
///    orthogonality);
/// 3. `h_{j+1,j} = ‖w‖_W`, `v_{j+1} = w / h_{j+1,j}`, so `A M⁻¹ V_j = V_{j+1} H̄_j` with
///    `H̄_j` the `(j + 2) × (j + 1)` upper Hessenberg matrix;
/// 4. the least-squares problem `min_y ‖β e₁ − H̄_j y‖₂` is kept in triangular form by Givens
///    rotations `G_i = [cᵢ sᵢ; −sᵢ cᵢ]` on rows `i, i + 1`: the new column is rotated by
///    `G₀ … G_{j−1}`, `G_j` zeroes `h_{j+1,j}` (`c = h_jj/ρ`, `s = h_{j+1,j}/ρ`,
///    `ρ = √(h_jj² + h_{j+1,j}²)`), and `g = G_j … G₀ β e₁` gives the residual norm
///    `‖b − A x_j‖_W = |g_{j+1}|` for free;
/// 5. stop the cycle when `|g_{j+1}| ≤ tolerance`, at `j = m − 1`, or at a breakdown
///    (`h_{j+1,j} ≤ 16 ε·‖A M⁻¹ v_j‖_W`: the Krylov space is invariant, the iterate exact).
///
/// Then `R y = g` (back substitution, `k` columns) and `x ← x + M⁻¹ (V_k y)`. A restart begins
/// from `r = b − A x`, which by default is formed without the operator (as SUNDIALS does):
/// `r = V_{k+1} G₀ᵀ … G_{k−1}ᵀ (g_k e_{k+1})`. With ``verifiesResidual`` it is computed as
/// `b − A x` instead, and a convergence claimed by the recurrence is confirmed that way.
///
/// All storage — the Krylov basis (`(m + 1)·n`), a work vector (`n`), the Hessenberg matrix
/// (`(m + 1)·m`), the rotations and `g`, `y` — is allocated once at `init`; ``solve(_:into:
/// tolerance:weights:apply:preconditioner:)`` allocates nothing (as long as this value is not
/// shared with a copy, which the first solve would then copy-on-write), and never traps on
/// bad numbers: non-convergence, breakdown and NaN end the solve with a ``GMRESResult``.
///
/// ```swift
/// var gmres = GMRES(size: n, restart: 30, maxRestarts: 5)
/// var ilu = IncompleteLUPreconditioner(pattern: w)!   // W = I − γJ, pattern once
/// _ = ilu.factor(w)
/// var x = [Double](repeating: 0, count: n)
/// let result = gmres.solve(
///   b, into: &x, tolerance: 1e-8, weights: ewt,
///   apply: { v, out in w.multiply(v, into: out) },
///   preconditioner: { v in ilu.apply(v) })
/// if !result.converged { … }   // result.status says why
/// ```
public struct GMRES: Sendable {
  /// Size `n` of the system.
  public let size: Int
  /// Krylov dimension `m` of a cycle (iterations between restarts), `1 ≤ m ≤ max(n, 1)`.
  public let restart: Int
  /// Restarts allowed after the first cycle: at most `(maxRestarts + 1)·m` iterations.
  public var maxRestarts: Int
  /// `η` of the reorthogonalization test: a second Gram–Schmidt pass is made when
  /// `‖w‖_W < η·‖w₀‖_W` after the first (`w₀` the vector before it). Default `10⁻³`; `0`
  /// never reorthogonalizes, `1` always does (classical "twice is enough").
  public var reorthogonalizationThreshold: Double
  /// Whether the residual is computed explicitly, `b − A x` with one operator application,
  /// to confirm convergence and to begin each restart (default `false`: the recurrence is
  /// trusted and restarts form the residual from the Krylov basis, as CVODE does). Set it
  /// when the operator is exact and the residual must be the true one to the last digit;
  /// a matrix-free difference quotient gains little from it.
  public var verifiesResidual: Bool

  /// The basis `V` (`(m + 1)·n`), the work vector `z` (`n`), the Hessenberg matrix `H`
  /// (`(m + 1)·m`, column-major, overwritten by `R`), cosines and sines (`m` each), `g`
  /// (`m + 1`) and `y` (`m`), one after the other.
  @usableFromInline var workspace: [Double]

  /// Solver for systems of `size` unknowns with cycles of `restart` iterations (clamped to
  /// `1 … max(size, 1)`) and up to `maxRestarts` restarts (at least 0). Allocates all storage.
  public init(size n: Int, restart m: Int = 30, maxRestarts: Int = 5) {
    precondition(n >= 0, "the size must not be negative")
    size = n
    restart = max(1, min(m, max(n, 1)))
    self.maxRestarts = max(0, maxRestarts)
    reorthogonalizationThreshold = 1e-3
    verifiesResidual = false
    let m = restart
    workspace = [Double](repeating: 0, count: (m + 2) * n + (m + 1) * m + 2 * m + (m + 1) + m)
  }

  /// Solves `A x = b` with right preconditioning `M⁻¹` until `‖b − A x‖_W ≤ tolerance`.
  ///
  /// - Parameters:
  ///   - b: the right-hand side (`n` entries).
  ///   - x: the initial guess on entry (zero saves one operator application), the solution
  ///     on return.
  ///   - tolerance: the bound on `‖b − A x‖_W`.
  ///   - weights: `w` of the norm `‖v‖_W = √(Σᵢ (wᵢ vᵢ)² / n)` (`n` positive entries,
  ///     CVODE's error weights `1/(rtol·|uᵢ| + atolᵢ)`); `nil` for the plain RMS norm. A NaN
  ///     or infinite weight ends the solve as ``GMRESResult/Status/nonFinite``.
  ///   - apply: `out ← A·v` (`out` must not be `v`; it need not be read first).
  ///   - preconditioner: `v ← M⁻¹ v` in place.
  /// - Returns: how the solve ended, its cost and the final residual norm.
  ///
  /// `b` and `x` must not overlap, and the closures must not touch them or this solver.
  @inlinable
  public mutating func solve(
    _ b: UnsafeBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>,
    tolerance: Double, weights: UnsafeBufferPointer<Double>? = nil,
    apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
    preconditioner: (UnsafeMutableBufferPointer<Double>) -> Void
  ) -> GMRESResult {
    run(b, x, tolerance, weights, apply, preconditioner, true)
  }

  /// Solves `A x = b` without preconditioning until `‖b − A x‖_W ≤ tolerance`; see
  /// ``solve(_:into:tolerance:weights:apply:preconditioner:)``.
  @inlinable
  public mutating func solve(
    _ b: UnsafeBufferPointer<Double>, into x: UnsafeMutableBufferPointer<Double>,
    tolerance: Double, weights: UnsafeBufferPointer<Double>? = nil,
    apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> GMRESResult {
    run(b, x, tolerance, weights, apply, { _ in }, false)
  }

  /// Solves `A x = b` on arrays (`x` the initial guess on entry), right-preconditioned by
  /// `M⁻¹`; see ``solve(_:into:tolerance:weights:apply:preconditioner:)``.
  @inlinable
  public mutating func solve(
    _ b: [Double], into x: inout [Double], tolerance: Double, weights: [Double]? = nil,
    apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
    preconditioner: (UnsafeMutableBufferPointer<Double>) -> Void
  ) -> GMRESResult {
    runOnArrays(b, &x, tolerance, weights, apply, preconditioner, true)
  }

  /// Solves `A x = b` on arrays (`x` the initial guess on entry) without preconditioning; see
  /// ``solve(_:into:tolerance:weights:apply:preconditioner:)``.
  @inlinable
  public mutating func solve(
    _ b: [Double], into x: inout [Double], tolerance: Double, weights: [Double]? = nil,
    apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> GMRESResult {
    runOnArrays(b, &x, tolerance, weights, apply, { _ in }, false)
  }

  /// The array overloads, through buffer pointers.
  @inlinable
  mutating func runOnArrays(
    _ b: [Double], _ x: inout [Double], _ tolerance: Double, _ weights: [Double]?,
    _ apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
    _ preconditioner: (UnsafeMutableBufferPointer<Double>) -> Void, _ preconditioned: Bool
  ) -> GMRESResult {
    b.withUnsafeBufferPointer { bp in
      x.withUnsafeMutableBufferPointer { xp in
        if let weights {
          return weights.withUnsafeBufferPointer { wp in
            run(bp, xp, tolerance, wp, apply, preconditioner, preconditioned)
          }
        }
        return run(bp, xp, tolerance, nil, apply, preconditioner, preconditioned)
      }
    }
  }

  /// `⟨u, v⟩_W = Σᵢ wᵢ² uᵢ vᵢ / n` (`wᵢ = 1` when `w` is `nil`), four partial sums.
  @inlinable
  static func dot(
    _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ w: UnsafePointer<Double>?,
    _ n: Int
  ) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var s2 = 0.0
    var s3 = 0.0
    let blocked = n & ~3
    var i = 0
    if let w {
      while i < blocked {
        s0 += w[i] * w[i] * u[i] * v[i]
        s1 += w[i + 1] * w[i + 1] * u[i + 1] * v[i + 1]
        s2 += w[i + 2] * w[i + 2] * u[i + 2] * v[i + 2]
        s3 += w[i + 3] * w[i + 3] * u[i + 3] * v[i + 3]
        i += 4
      }
      while i < n {
        s0 += w[i] * w[i] * u[i] * v[i]
        i += 1
      }
    } else {
      while i < blocked {
        s0 += u[i] * v[i]
        s1 += u[i + 1] * v[i + 1]
        s2 += u[i + 2] * v[i + 2]
        s3 += u[i + 3] * v[i + 3]
        i += 4
      }
      while i < n {
        s0 += u[i] * v[i]
        i += 1
      }
    }
    return ((s0 + s1) + (s2 + s3)) / Double(n)
  }

  /// `‖u‖_W = √⟨u, u⟩_W`.
  @inlinable
  static func norm(_ u: UnsafePointer<Double>, _ w: UnsafePointer<Double>?, _ n: Int) -> Double {
    dot(u, u, w, n).squareRoot()
  }

  /// `y ← y + a·x`.
  @inlinable
  static func axpy(
    _ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ n: Int
  ) {
    for i in 0..<n { y[i] += a * x[i] }
  }

  /// `x ← a·x`.
  @inlinable
  static func scale(_ a: Double, _ x: UnsafeMutablePointer<Double>, _ n: Int) {
    for i in 0..<n { x[i] *= a }
  }

  /// One modified Gram–Schmidt pass of `w` against `v_0 … v_j` (basis vectors `n` apart),
  /// adding the coefficients to `h[0 … j]`.
  @inlinable
  static func orthogonalize(
    _ w: UnsafeMutablePointer<Double>, against basis: UnsafePointer<Double>, _ j: Int,
    _ h: UnsafeMutablePointer<Double>, _ weights: UnsafePointer<Double>?, _ n: Int
  ) {
    for i in 0...j {
      let v = basis + i * n
      let hij = dot(w, v, weights, n)
      h[i] += hij
      axpy(-hij, v, w, n)
    }
  }

  /// The Givens rotation `[c s; −s c]` taking `(a, b)` to `(ρ, 0)`, `ρ = √(a² + b²)`, formed
  /// without overflow; `(1, 0, 0)` when both are zero.
  @inlinable
  static func givens(_ a: Double, _ b: Double) -> (c: Double, s: Double, rho: Double) {
    if b == 0 { return a == 0 ? (1, 0, 0) : (a < 0 ? -1 : 1, 0, abs(a)) }
    if abs(a) > abs(b) {
      let t = b / a
      let u = (a < 0 ? -1 : 1) * (1 + t * t).squareRoot()
      let c = 1 / u
      return (c, t * c, a * u)
    }
    let t = a / b
    let u = (b < 0 ? -1 : 1) * (1 + t * t).squareRoot()
    let s = 1 / u
    return (t * s, s, b * u)
  }

  /// `r ← b − A x` into `r`; returns `‖r‖_W`.
  @inlinable
  static func explicitResidual(
    _ b: UnsafeBufferPointer<Double>, _ x: UnsafeMutableBufferPointer<Double>,
    _ r: UnsafeMutablePointer<Double>, _ weights: UnsafePointer<Double>?, _ n: Int,
    _ apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  ) -> Double {
    apply(UnsafeBufferPointer(x), UnsafeMutableBufferPointer(start: r, count: n))
    for i in 0..<n { r[i] = b[i] - r[i] }
    return norm(r, weights, n)
  }

  /// The solve behind the public overloads (`preconditioned == false`: `preconditioner` is
  /// never called).
  @inlinable
  mutating func run(
    _ b: UnsafeBufferPointer<Double>, _ x: UnsafeMutableBufferPointer<Double>,
    _ tolerance: Double, _ weights: UnsafeBufferPointer<Double>?,
    _ apply: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
    _ preconditioner: (UnsafeMutableBufferPointer<Double>) -> Void, _ preconditioned: Bool
  ) -> GMRESResult {
    let n = size
    precondition(b.count == n && x.count == n, "b and x must have \(n) entries")
    precondition(weights == nil || weights!.count == n, "the weights must have \(n) entries")
    if n == 0 { return GMRESResult(status: .converged, residualNorm: 0) }
    let m = restart
    let cycles = maxRestarts + 1
    let eta = reorthogonalizationThreshold
    let verify = verifiesResidual
    let wp = weights?.baseAddress
    return workspace.withUnsafeMutableBufferPointer { ws in
      let basis = ws.baseAddress!
      let z = basis + (m + 1) * n
      let hess = z + n
      let cs = hess + (m + 1) * m
      let sn = cs + m
      let g = sn + m
      let y = g + (m + 1)
      let ld = m + 1
      var result = GMRESResult(status: .notConverged, residualNorm: 0)

      // r₀ = b − A x₀ into v₀ (no product when x₀ = 0).
      var beta: Double
      var xIsZero = true
      for i in 0..<n where x[i] != 0 {
        xIsZero = false
        break
      }
      if xIsZero {
        for i in 0..<n { basis[i] = b[i] }
        beta = Self.norm(basis, wp, n)
      } else {
        beta = Self.explicitResidual(b, x, basis, wp, n, apply)
        result.operatorApplications += 1
      }
      result.initialResidualNorm = beta

      var cycle = 0
      while true {
        result.residualNorm = beta
        guard beta.isFinite else {
          result.status = .nonFinite
          break
        }
        if beta <= tolerance {
          result.status = .converged
          break
        }
        guard cycle < cycles else {
          result.status = .notConverged
          break
        }
        if cycle > 0 { result.restarts += 1 }
        cycle += 1

        Self.scale(1 / beta, basis, n)
        g[0] = beta
        var k = 0  // columns of R, y finished in this cycle
        var estimate = beta
        var failure: GMRESResult.Status? = nil
        for j in 0..<m {
          let vj = basis + j * n
          let w = vj + n
          let h = hess + j * ld
          // w = A M⁻¹ v_j
          if preconditioned {
            for i in 0..<n { z[i] = vj[i] }
            preconditioner(UnsafeMutableBufferPointer(start: z, count: n))
            result.preconditionerApplications += 1
            apply(
              UnsafeBufferPointer(start: z, count: n),
              UnsafeMutableBufferPointer(start: w, count: n))
          } else {
            apply(
              UnsafeBufferPointer(start: vj, count: n),
              UnsafeMutableBufferPointer(start: w, count: n))
          }
          result.operatorApplications += 1
          result.iterations += 1

          // Modified Gram–Schmidt, with a second pass when cancellation was severe.
          let before = Self.norm(w, wp, n)
          for i in 0...(j + 1) { h[i] = 0 }
          Self.orthogonalize(w, against: basis, j, h, wp, n)
          var after = Self.norm(w, wp, n)
          if after < eta * before {
            Self.orthogonalize(w, against: basis, j, h, wp, n)
            after = Self.norm(w, wp, n)
            result.reorthogonalizations += 1
          }
          guard before.isFinite, after.isFinite else {
            failure = .nonFinite
            break
          }
          let invariant = after <= 16 * Double.ulpOfOne * before
          h[j + 1] = invariant ? 0 : after

          // Rotate the new column by G₀ … G_{j−1}, then zero h_{j+1,j} with G_j.
          for i in 0..<j {
            let (hi, hi1) = (h[i], h[i + 1])
            h[i] = cs[i] * hi + sn[i] * hi1
            h[i + 1] = -sn[i] * hi + cs[i] * hi1
          }
          let (c, s, rho) = Self.givens(h[j], h[j + 1])
          guard rho.isFinite else {
            failure = .nonFinite
            break
          }
          guard rho != 0 else {
            result.breakdown = true
            failure = .breakdown
            break
          }
          cs[j] = c
          sn[j] = s
          h[j] = rho
          h[j + 1] = 0
          g[j + 1] = -s * g[j]
          g[j] = c * g[j]
          k = j + 1
          estimate = abs(g[j + 1])
          if invariant {
            result.breakdown = true
            break
          }
          if estimate <= tolerance { break }
          Self.scale(1 / after, w, n)
        }

        // R y = g, then x ← x + M⁻¹ V_k y.
        if k > 0 {
          var finite = true
          for i in stride(from: k - 1, through: 0, by: -1) {
            var t = g[i]
            for l in (i + 1)..<k { t -= hess[i + l * ld] * y[l] }
            y[i] = t / hess[i + i * ld]
            finite = finite && y[i].isFinite
          }
          if finite {
            for i in 0..<n { z[i] = 0 }
            for l in 0..<k { Self.axpy(y[l], basis + l * n, z, n) }
            if preconditioned {
              preconditioner(UnsafeMutableBufferPointer(start: z, count: n))
              result.preconditionerApplications += 1
            }
            for i in 0..<n { x[i] += z[i] }
          } else {
            failure = .nonFinite
          }
        }
        if let failure {
          result.status = failure
          result.residualNorm = estimate
          break
        }

        // The residual to test and to restart from, into v₀.
        if verify {
          beta = Self.explicitResidual(b, x, basis, wp, n, apply)
          result.operatorApplications += 1
        } else if estimate <= tolerance {
          beta = estimate
        } else if cycle == cycles {
          result.status = .notConverged
          result.residualNorm = estimate
          break
        } else {
          // r = V_{k+1} G₀ᵀ … G_{k−1}ᵀ (g_k e_{k+1}): coefficients into g, then into v₀.
          for i in 0..<k { g[i] = 0 }
          for i in stride(from: k - 1, through: 0, by: -1) {
            let (gi, gi1) = (g[i], g[i + 1])
            g[i] = cs[i] * gi - sn[i] * gi1
            g[i + 1] = sn[i] * gi + cs[i] * gi1
          }
          Self.scale(g[0], basis, n)
          for l in 1...k { Self.axpy(g[l], basis + l * n, basis, n) }
          beta = Self.norm(basis, wp, n)
        }
      }
      return result
    }
  }
}
