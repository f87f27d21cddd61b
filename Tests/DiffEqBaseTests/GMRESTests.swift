import DiffEqBase
import DiffEqTestSupport
import Testing

/// Test systems for GMRES and its preconditioners, with independent reference computations.
enum GMRESTestProblems {
  /// The 5-point Laplacian on an `m × m` grid (Dirichlet, scaled by `h²`) plus a reaction
  /// term varying over the grid: `4 + cᵢ` on the diagonal, `cᵢ ∈ [shift, shift + spread]`
  /// (seeded), and −1 to each neighbour. Symmetric positive definite.
  static func shiftedLaplacian(_ m: Int, shift: Double, spread: Double, seed: UInt64)
    -> SparseMatrixCSC
  {
    var rng = SplitMix64(seed: seed)
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<m {
      for j in 0..<m {
        let k = i * m + j
        entries.append((k, k, 4 + shift + spread * Double.random(in: 0...1, using: &rng)))
        if i > 0 { entries.append((k, k - m, -1)) }
        if i < m - 1 { entries.append((k, k + m, -1)) }
        if j > 0 { entries.append((k, k - 1, -1)) }
        if j < m - 1 { entries.append((k, k + 1, -1)) }
      }
    }
    return SparseMatrixCSC(rows: m * m, columns: m * m, entries: entries)!
  }

  /// `−Δu + β(u_x + u_y)` on an `m × m` grid (Dirichlet, spacing `h = 1/(m + 1)`, scaled by
  /// `h²`), the convection upwinded (`β > 0`: backward differences): `4 + 2βh` on the
  /// diagonal, `−1 − βh` to the west and south neighbours, `−1` to the east and north ones.
  /// Nonsymmetric, an M-matrix.
  static func convectionDiffusion(_ m: Int, velocity beta: Double) -> SparseMatrixCSC {
    let bh = beta / Double(m + 1)
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<m {
      for j in 0..<m {
        let k = i * m + j
        entries.append((k, k, 4 + 2 * bh))
        if i > 0 { entries.append((k, k - m, -1 - bh)) }
        if i < m - 1 { entries.append((k, k + m, -1)) }
        if j > 0 { entries.append((k, k - 1, -1 - bh)) }
        if j < m - 1 { entries.append((k, k + 1, -1)) }
      }
    }
    return SparseMatrixCSC(rows: m * m, columns: m * m, entries: entries)!
  }

  /// A stiff random sparse Jacobian: diagonal `−d·2ᵏ` (`d ∈ [1, 2]`, `k ∈ 0 … 13`: decay
  /// rates from 1 to about 1.6·10⁴) and `perRow` off-diagonal entries in `[−1, 1]` per row
  /// (seeded).
  static func stiffJacobian(_ n: Int, perRow: Int, seed: UInt64) -> SparseMatrixCSC {
    var rng = SplitMix64(seed: seed)
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<n {
      let rate =
        Double.random(in: 1...2, using: &rng) * Double(1 << Int.random(in: 0...13, using: &rng))
      entries.append((i, i, -rate))
      for _ in 0..<perRow {
        let j = Int.random(in: 0..<n, using: &rng)
        if j != i { entries.append((i, j, Double.random(in: -1...1, using: &rng))) }
      }
    }
    return SparseMatrixCSC(rows: n, columns: n, entries: entries)!
  }

  /// `n` entries uniform in `[−1, 1]` (seeded).
  static func randomVector(_ n: Int, seed: UInt64) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { _ in Double.random(in: -1...1, using: &rng) }
  }

  /// `x` solving `A x = b` by sparse LU with pivoting (the reference).
  static func directSolve(_ a: SparseMatrixCSC, _ b: [Double]) -> [Double] {
    var lu = SparseLUFactorization(pattern: a)!
    precondition(lu.factor(a), "the reference matrix is singular")
    var x = b
    lu.solve(&x)
    return x
  }

  /// `b − A x`, by the matrix's own product.
  static func residual(_ a: SparseMatrixCSC, _ x: [Double], _ b: [Double]) -> [Double] {
    var ax = [Double](repeating: 0, count: a.rows)
    a.multiply(x, into: &ax)
    return zip(b, ax).map { $0 - $1 }
  }

  /// `√(Σᵢ (wᵢ vᵢ)² / n)` (`wᵢ = 1` without weights).
  static func weightedRMS(_ v: [Double], _ w: [Double]? = nil) -> Double {
    var sum = 0.0
    for i in v.indices {
      let s = (w?[i] ?? 1) * v[i]
      sum += s * s
    }
    return (sum / Double(v.count)).squareRoot()
  }

  /// `(L U)⁻¹ b` for the ILU(0) factors of `a` computed densely (the reference): IKJ
  /// elimination keeping only the updates of positions in the pattern (plus the diagonal).
  static func denseILU0Solve(_ a: SparseMatrixCSC, _ b: [Double]) -> [Double] {
    let n = a.rows
    var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    var inPattern = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
    for j in 0..<n {
      inPattern[j][j] = true
      for p in a.columnPointers[j]..<a.columnPointers[j + 1] {
        m[a.rowIndices[p]][j] = a.values[p]
        inPattern[a.rowIndices[p]][j] = true
      }
    }
    for i in 1..<n {
      for k in 0..<i where inPattern[i][k] {
        m[i][k] /= m[k][k]
        for j in (k + 1)..<n where inPattern[i][j] && inPattern[k][j] {
          m[i][j] -= m[i][k] * m[k][j]
        }
      }
    }
    var x = b
    for i in 0..<n {
      for k in 0..<i { x[i] -= m[i][k] * x[k] }
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in (i + 1)..<n { x[i] -= m[i][j] * x[j] }
      x[i] /= m[i][i]
    }
    return x
  }

  /// Solves `A x = b` (`x₀ = 0`) by GMRES with the given preconditioner (`nil`: none).
  static func solve(
    _ a: SparseMatrixCSC, _ b: [Double], tolerance: Double, restart: Int, maxRestarts: Int,
    weights: [Double]? = nil, preconditioner: ((UnsafeMutableBufferPointer<Double>) -> Void)?
  ) -> (x: [Double], result: GMRESResult) {
    var gmres = GMRES(size: a.rows, restart: restart, maxRestarts: maxRestarts)
    var x = [Double](repeating: 0, count: a.rows)
    let result: GMRESResult
    if let preconditioner {
      result = gmres.solve(
        b, into: &x, tolerance: tolerance, weights: weights,
        apply: { v, out in a.multiply(v, into: out) }, preconditioner: preconditioner)
    } else {
      result = gmres.solve(b, into: &x, tolerance: tolerance, weights: weights) { v, out in
        a.multiply(v, into: out)
      }
    }
    return (x, result)
  }
}

@Suite("GMRES with Jacobi and ILU(0) preconditioners")
struct GMRESTests {
  typealias P = GMRESTestProblems

  @Test("a shifted 2-D Laplacian: no preconditioner, Jacobi, ILU(0)")
  func shiftedLaplacian() throws {
    let a = P.shiftedLaplacian(32, shift: 0.01, spread: 20, seed: 1)
    let n = a.rows
    #expect(n == 1024)
    let b = P.randomVector(n, seed: 2)
    let reference = P.directSolve(a, b)
    let tolerance = 1e-10 * P.weightedRMS(b)
    let jacobi = JacobiPreconditioner(a)
    #expect(jacobi.replacedDiagonalCount == 0)
    var ilu = try #require(IncompleteLUPreconditioner(pattern: a))
    #expect(ilu.addedDiagonalCount == 0)
    #expect(ilu.nonzeroCount == a.nonzeroCount)
    let factored = ilu.factor(a)
    #expect(factored)

    let plain = P.solve(
      a, b, tolerance: tolerance, restart: 30, maxRestarts: 50, preconditioner: nil)
    let diagonal = P.solve(
      a, b, tolerance: tolerance, restart: 30, maxRestarts: 50,
      preconditioner: { jacobi.apply($0) })
    let incomplete = P.solve(
      a, b, tolerance: tolerance, restart: 30, maxRestarts: 50,
      preconditioner: { ilu.apply($0) })
    for (x, result) in [plain, diagonal, incomplete] {
      #expect(result.converged)
      #expect(result.status == .converged)
      #expect(result.residualNorm <= tolerance)
      #expect(result.operatorApplications == result.iterations)
      #expect(P.weightedRMS(P.residual(a, x, b)) <= 1.01 * tolerance)
      #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-8)
    }
    #expect(plain.result.preconditionerApplications == 0)
    #expect(
      incomplete.result.preconditionerApplications
        == incomplete.result.iterations + incomplete.result.restarts + 1)
    #expect(diagonal.result.iterations <= plain.result.iterations)
    #expect(2 * incomplete.result.iterations <= diagonal.result.iterations)
  }

  @Test("upwind convection–diffusion with GMRES(10): restarts needed, still converging")
  func convectionDiffusion() throws {
    let a = P.convectionDiffusion(30, velocity: 50)
    let n = a.rows
    let b = P.randomVector(n, seed: 3)
    let reference = P.directSolve(a, b)
    let tolerance = 1e-9 * P.weightedRMS(b)
    var ilu = try #require(IncompleteLUPreconditioner(pattern: a))
    let factored = ilu.factor(a)
    #expect(factored)
    let jacobi = JacobiPreconditioner(a)
    let plain = P.solve(
      a, b, tolerance: tolerance, restart: 10, maxRestarts: 400, preconditioner: nil)
    let diagonal = P.solve(
      a, b, tolerance: tolerance, restart: 10, maxRestarts: 400,
      preconditioner: { jacobi.apply($0) })
    let incomplete = P.solve(
      a, b, tolerance: tolerance, restart: 10, maxRestarts: 400,
      preconditioner: { ilu.apply($0) })
    for (x, result) in [plain, diagonal, incomplete] {
      #expect(result.converged)
      #expect(result.restarts >= 1)
      #expect(result.iterations <= 10 * (result.restarts + 1))
      #expect(P.weightedRMS(P.residual(a, x, b)) <= 1.01 * tolerance)
      #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-6)
    }
    #expect(2 * incomplete.result.iterations <= plain.result.iterations)
  }

  @Test("explicit residuals: verifiesResidual confirms convergence with b − A x")
  func verifiedResidual() {
    let a = P.convectionDiffusion(20, velocity: 20)
    let b = P.randomVector(a.rows, seed: 4)
    let tolerance = 1e-10 * P.weightedRMS(b)
    var gmres = GMRES(size: a.rows, restart: 10, maxRestarts: 200)
    gmres.verifiesResidual = true
    var x = [Double](repeating: 0, count: a.rows)
    let result = gmres.solve(b, into: &x, tolerance: tolerance) { v, out in
      a.multiply(v, into: out)
    }
    #expect(result.converged)
    // One product per iteration, one b − A x per cycle.
    #expect(result.operatorApplications == result.iterations + result.restarts + 1)
    let trueResidual = P.weightedRMS(P.residual(a, x, b))
    #expect(abs(result.residualNorm - trueResidual) <= 1e-12 * trueResidual)
    #expect(trueResidual <= tolerance)
  }

  @Test("a nonzero initial guess costs one product and is used")
  func initialGuess() {
    let a = P.shiftedLaplacian(12, shift: 1, spread: 1, seed: 5)
    let b = P.randomVector(a.rows, seed: 6)
    let reference = P.directSolve(a, b)
    var gmres = GMRES(size: a.rows, restart: 20)
    var x = reference.map { $0 * (1 + 1e-6) }
    let result = gmres.solve(b, into: &x, tolerance: 1e-12) { v, out in
      a.multiply(v, into: out)
    }
    #expect(result.converged)
    #expect(result.operatorApplications == result.iterations + 1)
    #expect(result.initialResidualNorm < 1e-5)
    #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-10)
    // Already solved: nothing to do.
    let again = gmres.solve(b, into: &x, tolerance: 1e-10) { v, out in
      a.multiply(v, into: out)
    }
    #expect(again.converged && again.iterations == 0 && again.operatorApplications == 1)
  }

  @Test("matrix-free Newton–Krylov systems (I − γJ) x = b, J·v by a closure")
  func matrixFree() throws {
    let n = 1000
    let jac = P.stiffJacobian(n, perRow: 4, seed: 7)
    let gamma = 0.05
    var w = jac.addingDiagonal()
    let formed = w.fillShifted(from: jac, gamma: gamma)
    #expect(formed)
    let b = P.randomVector(n, seed: 8)
    let reference = P.directSolve(w, b)
    let tolerance = 1e-10 * P.weightedRMS(b)
    var gmres = GMRES(size: n, restart: 30, maxRestarts: 20)
    var jv = [Double](repeating: 0, count: n)
    // out = v − γ·J v, J v by the sparse product into a buffer made once.
    var x = [Double](repeating: 0, count: n)
    let exact = jv.withUnsafeMutableBufferPointer { jvp in
      gmres.solve(b, into: &x, tolerance: tolerance) { v, out in
        jac.multiply(v, into: jvp)
        for i in 0..<n { out[i] = v[i] - gamma * jvp[i] }
      }
    }
    #expect(exact.converged)
    #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-8)
    // The diagonal of I − γJ (the stiff part) as a Jacobi preconditioner.
    let jacobi = JacobiPreconditioner(size: n) { i in 1 - gamma * jac[i, i] }
    var y = [Double](repeating: 0, count: n)
    let preconditioned = jv.withUnsafeMutableBufferPointer { jvp in
      gmres.solve(
        b, into: &y, tolerance: tolerance,
        apply: { v, out in
          jac.multiply(v, into: jvp)
          for i in 0..<n { out[i] = v[i] - gamma * jvp[i] }
        },
        preconditioner: { jacobi.apply($0) })
    }
    #expect(preconditioned.converged)
    #expect(preconditioned.iterations < exact.iterations)
    #expect(SparseTestMatrices.relativeDifference(y, reference) <= 1e-8)
  }

  @Test("matrix-free with a directional difference (f(u + σv) − f(u))/σ, as CVODE's SPGMR")
  func directionalDifference() {
    // f(u) = J u + u³/10, so ∂f/∂u = J + diag(3u²/10).
    let n = 400
    let jac = P.stiffJacobian(n, perRow: 3, seed: 9)
    let gamma = 0.02
    let u = P.randomVector(n, seed: 10)
    func f(_ u: UnsafeBufferPointer<Double>, _ out: UnsafeMutableBufferPointer<Double>) {
      jac.multiply(u, into: out)
      for i in 0..<n { out[i] += u[i] * u[i] * u[i] / 10 }
    }
    var exactJacobian = jac.addingDiagonal()
    for i in 0..<n { exactJacobian[i, i] += 3 * u[i] * u[i] / 10 }
    var w = exactJacobian
    let formed = w.fillShifted(from: exactJacobian, gamma: gamma)
    #expect(formed)
    let b = P.randomVector(n, seed: 11)
    let reference = P.directSolve(w, b)
    var fu = [Double](repeating: 0, count: n)
    var shifted = [Double](repeating: 0, count: n)
    var fShifted = [Double](repeating: 0, count: n)
    u.withUnsafeBufferPointer { up in fu.withUnsafeMutableBufferPointer { f(up, $0) } }
    var gmres = GMRES(size: n, restart: 20, maxRestarts: 10)
    var x = [Double](repeating: 0, count: n)
    let result = gmres.solve(b, into: &x, tolerance: 1e-7 * P.weightedRMS(b)) { v, out in
      // σ = √ε·max(‖u‖, 1)/‖v‖ in the RMS norm.
      var vNorm = 0.0
      var uNorm = 0.0
      for i in 0..<n {
        vNorm += v[i] * v[i]
        uNorm += u[i] * u[i]
      }
      vNorm = (vNorm / Double(n)).squareRoot()
      uNorm = (uNorm / Double(n)).squareRoot()
      let sigma = Double.ulpOfOne.squareRoot() * max(uNorm, 1) / vNorm
      for i in 0..<n { shifted[i] = u[i] + sigma * v[i] }
      shifted.withUnsafeBufferPointer { s in
        fShifted.withUnsafeMutableBufferPointer { fs in f(s, fs) }
      }
      for i in 0..<n { out[i] = v[i] - gamma * (fShifted[i] - fu[i]) / sigma }
    }
    #expect(result.converged)
    #expect(SparseTestMatrices.relativeDifference(x, reference) <= 1e-5)
  }

  @Test("weighted norm: the reported residual is the weighted RMS of b − A x")
  func weightedNorm() {
    let a = P.convectionDiffusion(24, velocity: 10)
    let n = a.rows
    let b = P.randomVector(n, seed: 12)
    var rng = SplitMix64(seed: 13)
    // Weights over six orders of magnitude, like CVODE's 1/(rtol·|u| + atol).
    let weights = (0..<n).map { _ in
      Double.random(in: 1...2, using: &rng) * Double(1 << Int.random(in: 0...20, using: &rng))
    }
    let tolerance = 1e-8 * P.weightedRMS(b, weights)
    let (x, result) = P.solve(
      a, b, tolerance: tolerance, restart: 25, maxRestarts: 100, weights: weights,
      preconditioner: nil)
    #expect(result.converged)
    let trueResidual = P.weightedRMS(P.residual(a, x, b), weights)
    #expect(abs(result.residualNorm - trueResidual) <= 1e-6 * trueResidual)
    #expect(trueResidual <= 1.01 * tolerance)
    let initial = P.weightedRMS(b, weights)
    #expect(abs(result.initialResidualNorm - initial) <= 1e-14 * initial)
    // Without weights, the plain RMS norm.
    let plain = P.solve(
      a, b, tolerance: 1e-8 * P.weightedRMS(b), restart: 25, maxRestarts: 100,
      preconditioner: nil)
    #expect(plain.result.converged)
    #expect(P.weightedRMS(P.residual(a, plain.x, b)) <= 1.01e-8 * P.weightedRMS(b))
  }

  @Test("GMRES(n) solves a small system in at most n iterations; happy breakdown converges")
  func finiteTermination() throws {
    let a = try #require(
      SparseMatrixCSC([
        [4, 1, 0, 2, 0], [1, 3, -1, 0, 0], [0, 2, 5, 1, 1], [1, 0, 0, 2, 0], [0, 0, 3, 0, 6],
      ]))
    let b: [Double] = [1, -2, 3, 0.5, 2]
    let (x, result) = P.solve(
      a, b, tolerance: 1e-13, restart: 5, maxRestarts: 0, preconditioner: nil)
    #expect(result.converged)
    #expect(result.iterations <= 5)
    #expect(SparseTestMatrices.relativeDifference(x, P.directSolve(a, b)) <= 1e-12)
    // A = 2I: A v₀ lies in the Krylov space at once, the iterate is exact.
    let twice = SparseMatrixCSC(
      rows: 4, columns: 4, entries: (0..<4).map { ($0, $0, 2.0) })!
    let happy = P.solve(
      twice, [1, 2, 3, 4], tolerance: 0, restart: 4, maxRestarts: 0, preconditioner: nil)
    #expect(happy.result.converged && happy.result.breakdown)
    #expect(happy.result.iterations == 1)
    #expect(SparseTestMatrices.relativeDifference(happy.x, [0.5, 1, 1.5, 2]) <= 1e-15)
  }

  @Test("non-convergence, breakdown and NaN are reported, never trapped on")
  func failures() {
    let a = P.convectionDiffusion(30, velocity: 50)
    let n = a.rows
    let b = P.randomVector(n, seed: 14)
    // Too few restarts for a hard problem.
    let (x, short) = P.solve(
      a, b, tolerance: 1e-12, restart: 5, maxRestarts: 1, preconditioner: nil)
    #expect(!short.converged)
    #expect(short.status == .notConverged)
    #expect(short.iterations == 10 && short.restarts == 1)
    #expect(short.residualNorm < short.initialResidualNorm)
    #expect(x.allSatisfy { $0.isFinite })
    let achieved = P.weightedRMS(P.residual(a, x, b))
    #expect(abs(short.residualNorm - achieved) <= 1e-8 * achieved)

    // NaN in b: reported at once, x untouched.
    var bad = b
    bad[17] = .nan
    let (xNaN, nanResult) = P.solve(
      a, bad, tolerance: 1e-8, restart: 10, maxRestarts: 1000, preconditioner: nil)
    #expect(nanResult.status == .nonFinite && !nanResult.converged)
    #expect(nanResult.iterations == 0)
    #expect(xNaN.allSatisfy { $0 == 0 })

    // NaN from the operator on its 7th call: the solve stops there, x the last finite iterate.
    var gmres = GMRES(size: n, restart: 5, maxRestarts: 1000)
    var calls = 0
    var y = [Double](repeating: 0, count: n)
    let late = gmres.solve(b, into: &y, tolerance: 1e-12) { v, out in
      calls += 1
      a.multiply(v, into: out)
      if calls == 7 { out[3] = .nan }
    }
    #expect(late.status == .nonFinite)
    #expect(late.iterations == 7 && calls == 7)
    #expect(y.allSatisfy { $0.isFinite })
    #expect(late.residualNorm.isFinite && late.residualNorm < late.initialResidualNorm)

    // Infinity from the preconditioner.
    var z = [Double](repeating: 0, count: n)
    let infinite = gmres.solve(
      b, into: &z, tolerance: 1e-12, apply: { v, out in a.multiply(v, into: out) },
      preconditioner: { v in v[0] = .infinity })
    #expect(infinite.status == .nonFinite)
    #expect(z.allSatisfy { $0 == 0 })

    // A nilpotent A = [[0, 1], [0, 0]] with b = e₀: A v₀ = 0, H singular: breakdown.
    let nilpotent = SparseMatrixCSC([[0, 1], [0, 0]])!
    let (xs, singular) = P.solve(
      nilpotent, [1, 0], tolerance: 1e-10, restart: 2, maxRestarts: 3, preconditioner: nil)
    #expect(singular.status == .breakdown && singular.breakdown && !singular.converged)
    #expect(xs == [0, 0])

    // A NaN tolerance never converges, but ends.
    let (_, nanTolerance) = P.solve(
      a, b, tolerance: .nan, restart: 5, maxRestarts: 2, preconditioner: nil)
    #expect(nanTolerance.status == .notConverged && nanTolerance.iterations == 15)

    // A zero right-hand side with a zero guess is solved without iterating.
    let (x0, zero) = P.solve(
      a, [Double](repeating: 0, count: n), tolerance: 0, restart: 5, maxRestarts: 0,
      preconditioner: nil)
    #expect(zero.converged && zero.iterations == 0 && x0.allSatisfy { $0 == 0 })
  }

  @Test("ILU(0): exact on a tridiagonal matrix, missing diagonal added, failures reported")
  func incompleteLU() throws {
    // Tridiagonal: ILU(0) has no fill to drop, so it is the exact LU.
    let n = 50
    var entries = [(row: Int, column: Int, value: Double)]()
    for i in 0..<n {
      entries.append((i, i, 3 + Double(i % 3)))
      if i > 0 { entries.append((i, i - 1, -1.5)) }
      if i < n - 1 { entries.append((i, i + 1, -0.5 - Double(i % 2))) }
    }
    let tri = SparseMatrixCSC(rows: n, columns: n, entries: entries)!
    var ilu = try #require(IncompleteLUPreconditioner(pattern: tri))
    let exact = ilu.factor(tri)
    #expect(exact && ilu.isFactored && ilu.failure == nil)
    let b = P.randomVector(n, seed: 15)
    var x = b
    ilu.apply(&x)
    #expect(SparseTestMatrices.relativeDifference(x, P.directSolve(tri, b)) <= 1e-13)

    // With fill to drop: the same as a dense ILU(0) reference, and a fair approximation.
    let a = P.convectionDiffusion(6, velocity: 3)
    var ilu2 = try #require(IncompleteLUPreconditioner(pattern: a))
    let factored = ilu2.factor(a)
    #expect(factored)
    let rhs = P.randomVector(a.rows, seed: 16)
    var z = rhs
    ilu2.apply(&z)
    #expect(SparseTestMatrices.relativeDifference(z, P.denseILU0Solve(a, rhs)) <= 1e-14)
    var az = [Double](repeating: 0, count: a.rows)
    a.multiply(z, into: &az)
    #expect(SparseTestMatrices.relativeDifference(az, rhs) < 0.5)  // A M⁻¹ ≈ I

    // A pattern without diagonal positions: they are added; a zero pivot is reported.
    let offDiagonal = SparseMatrixCSC([[0, 1], [1, 0]])!
    var swap = try #require(IncompleteLUPreconditioner(pattern: offDiagonal))
    #expect(swap.addedDiagonalCount == 2)
    #expect(swap.nonzeroCount == 4)
    let swapFactored = swap.factor(offDiagonal)
    #expect(!swapFactored)
    #expect(swap.failure == .zeroPivot(row: 0))
    var v: [Double] = [1, 2]
    swap.apply(&v)
    #expect(v == [1, 2])  // not factored: the identity

    // An added diagonal filled by elimination: [[1, 1], [1, ·]] → u₁₁ = 0 − 1 = −1.
    let filled = SparseMatrixCSC(rows: 2, columns: 2, entries: [(0, 0, 1), (0, 1, 1), (1, 0, 1)])!
    var fill = try #require(IncompleteLUPreconditioner(pattern: filled))
    #expect(fill.addedDiagonalCount == 1)
    let fillFactored = fill.factor(filled)
    #expect(fillFactored)
    var e: [Double] = [2, 1]
    fill.apply(&e)
    #expect(e == [1, 1])  // [[1, 1], [1, 0]]·(1, 1) = (2, 1)

    // Pattern mismatch (size, then pattern), non-finite entries, non-square.
    let wrongSize = ilu.factor(a)
    #expect(!wrongSize)
    #expect(ilu.failure == .patternMismatch && !ilu.isFactored)
    let wrongPattern = ilu.factor(SparseMatrixCSC.identity(n))
    #expect(!wrongPattern)
    #expect(ilu.failure == .patternMismatch)
    var nanTri = tri
    nanTri.values[5] = .nan
    let nanFactored = ilu.factor(nanTri)
    #expect(!nanFactored)
    #expect(ilu.failure == .nonFiniteEntry)
    let refactored = ilu.factor(tri)
    #expect(refactored)
    #expect(
      IncompleteLUPreconditioner(pattern: SparseMatrixCSC(rows: 2, columnRows: [[0]])!) == nil)
  }

  @Test("Jacobi: 1/a_ii, zero or non-finite diagonal entries treated as 1")
  func jacobi() {
    let a = SparseMatrixCSC(
      rows: 4, columns: 4, entries: [(0, 0, 2), (1, 0, 1), (2, 2, 0), (3, 3, .infinity)])!
    var jacobi = JacobiPreconditioner(a)
    #expect(jacobi.size == 4)
    #expect(jacobi.replacedDiagonalCount == 3)  // a₁₁ missing, a₂₂ = 0, a₃₃ = ∞
    var v: [Double] = [4, 5, 6, 7]
    jacobi.apply(&v)
    #expect(v == [2, 5, 6, 7])
    jacobi.update { i in Double(i + 1) }
    #expect(jacobi.replacedDiagonalCount == 0)
    v = [1, 2, 3, 4]
    jacobi.apply(&v)
    #expect(v == [1, 1, 1, 1])
    let wrongSize = jacobi.update(from: SparseMatrixCSC.identity(3))
    #expect(!wrongSize)
    let fromClosure = JacobiPreconditioner(size: 2) { _ in .nan }
    #expect(fromClosure.replacedDiagonalCount == 2)
  }

  @Test("solving, ILU factoring and applying allocate nothing")
  func noAllocation() throws {
    try #require(
      allocationCountingIsActive || !allocationCountingIsExpected,
      "malloc interposition is not in effect on Linux")
    let jac = SparseTestMatrices.brusselatorJacobian(8)
    var w = jac.addingDiagonal()
    w.fillShifted(from: jac, gamma: 1e-3)
    let n = w.rows
    var ilu = try #require(IncompleteLUPreconditioner(pattern: w))
    var jacobi = JacobiPreconditioner(size: n)
    var gmres = GMRES(size: n, restart: 10, maxRestarts: 20)
    var b = P.randomVector(n, seed: 17)
    var x = [Double](repeating: 0, count: n)
    let weights = [Double](repeating: 2, count: n)
    var converged = true
    func run(_ r: Int) {
      w.fillShifted(from: jac, gamma: 1e-3 * Double(r + 1))
      converged = ilu.factor(w) && converged
      jacobi.update(from: w)
      for i in 0..<n { x[i] = 0 }
      b.withUnsafeBufferPointer { bp in
        x.withUnsafeMutableBufferPointer { xp in
          weights.withUnsafeBufferPointer { wp in
            converged =
              gmres.solve(
                bp, into: xp, tolerance: 1e-10, weights: wp,
                apply: { v, out in w.multiply(v, into: out) },
                preconditioner: { ilu.apply($0) }
              ).converged && converged
            converged =
              gmres.solve(
                bp, into: xp, tolerance: 1e-10, apply: { v, out in w.multiply(v, into: out) },
                preconditioner: { jacobi.apply($0) }
              ).converged && converged
            gmres.verifiesResidual.toggle()
            converged =
              gmres.solve(bp, into: xp, tolerance: 1e-10) { v, out in
                w.multiply(v, into: out)
              }.converged && converged
          }
        }
      }
      converged =
        gmres.solve(b, into: &x, tolerance: 1e-10, weights: weights) { v, out in
          w.multiply(v, into: out)
        }.converged && converged
      b[0] += 1
    }
    // The first pass creates any lazily made runtime metadata.
    run(0)
    let count = allocations {
      for r in 1..<4 { run(r) }
    }
    #expect(converged)
    #expect(count == 0)
  }
}
