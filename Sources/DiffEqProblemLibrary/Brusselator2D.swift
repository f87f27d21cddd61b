import DiffEqBase

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The 2-D Brusselator reaction–diffusion system on an `N × N` periodic grid over [0, 1]²
/// (SciMLBenchmarks' "Brusselator" and DifferentialEquations.jl's sparse-Jacobian tutorial;
/// `2N²` equations, 2048 for N = 32):
///
/// ```
/// uᵢⱼ′ = α′ Δuᵢⱼ + B + uᵢⱼ² vᵢⱼ − (A + 1) uᵢⱼ + f(xᵢ, yⱼ, t)
/// vᵢⱼ′ = α′ Δvᵢⱼ + A uᵢⱼ − uᵢⱼ² vᵢⱼ
/// ```
///
/// with `Δ` the periodic 5-point Laplacian (neighbours `i ± 1`, `j ± 1` modulo N, no
/// `1/dx²` in it), `α′ = α/dx²`, `dx = 1/(N − 1)` (the grid `xᵢ = (i − 1)/(N − 1)` includes
/// both ends, as `range(0, stop = 1, length = N)` does), `A = 3.4`, `B = 1`, `α = 10`, the
/// forcing `f = 5` on the disc `(x − 0.3)² + (y − 0.6)² ≤ 0.1²` from `t = 1.1` on (0 before), and
/// `u(0) = 22(y(1 − y))^{3/2}`, `v(0) = 27(x(1 − x))^{3/2}` on `(0, 11.5)`.
///
/// Storage as Julia's `u[i, j, k]`: index `i + N·j + N²·k` (0-based), the `u` field first.
public struct Brusselator2D: ODEFunction {
  /// Grid points per direction.
  public let n: Int
  /// `α/dx²`.
  @usableFromInline let alpha: Double
  /// Whether each grid point lies in the forced disc.
  @usableFromInline let forced: [Bool]

  /// The system on an `n × n` grid.
  public init(n: Int) {
    self.n = n
    let dx = 1 / Double(n - 1)
    alpha = 10 / (dx * dx)
    var forced = [Bool](repeating: false, count: n * n)
    for j in 0..<n {
      for i in 0..<n {
        let x = Double(i) * dx
        let y = Double(j) * dx
        forced[i + n * j] = (x - 0.3) * (x - 0.3) + (y - 0.6) * (y - 0.6) <= 0.1 * 0.1
      }
    }
    self.forced = forced
  }

  /// The right-hand side.
  @inlinable
  public func callAsFunction(
    _ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double
  ) {
    let n = self.n
    let nn = n * n
    let forcing = t >= 1.1 ? 5.0 : 0
    u.withUnsafeBufferPointer { u in
      du.withUnsafeMutableBufferPointer { du in
        for j in 0..<n {
          let jp = j == n - 1 ? 0 : j + 1
          let jm = j == 0 ? n - 1 : j - 1
          for i in 0..<n {
            let ip = i == n - 1 ? 0 : i + 1
            let im = i == 0 ? n - 1 : i - 1
            let k = i + n * j
            let a = u[k]
            let b = u[k + nn]
            let lapU = u[im + n * j] + u[ip + n * j] + u[i + n * jp] + u[i + n * jm] - 4 * a
            let lapV =
              u[im + n * j + nn] + u[ip + n * j + nn] + u[i + n * jp + nn] + u[i + n * jm + nn]
              - 4 * b
            let reaction = a * a * b
            du[k] = alpha * lapU + 1 + reaction - 4.4 * a + (forced[k] ? forcing : 0)
            du[k + nn] = alpha * lapV + 3.4 * a - reaction
          }
        }
      }
    }
  }

  /// The sparsity of `∂f/∂u`: each component depends on its four periodic neighbours and
  /// itself in its own field, and on the other field at the same point (6 entries per row).
  public var jacobianPattern: SparseMatrixCSC {
    let nn = n * n
    var entries: [(row: Int, column: Int)] = []
    for j in 0..<n {
      for i in 0..<n {
        let k = i + n * j
        let neighbours = [
          k, (i + 1) % n + n * j, (i + n - 1) % n + n * j, i + n * ((j + 1) % n),
          i + n * ((j + n - 1) % n),
        ]
        for field in 0..<2 {
          for m in neighbours { entries.append((k + field * nn, m + field * nn)) }
          entries.append((k + field * nn, k + (1 - field) * nn))
        }
      }
    }
    return SparseMatrixCSC(rows: 2 * nn, columns: 2 * nn, pattern: entries)!
  }

  /// `u(0) = 22(y(1 − y))^{3/2}`, `v(0) = 27(x(1 − x))^{3/2}`.
  public var initialValue: [Double] {
    let dx = 1 / Double(n - 1)
    var u0 = [Double](repeating: 0, count: 2 * n * n)
    for j in 0..<n {
      for i in 0..<n {
        let x = Double(i) * dx
        let y = Double(j) * dx
        u0[i + n * j] = 22 * pow(y * (1 - y), 1.5)
        u0[i + n * j + n * n] = 27 * pow(x * (1 - x), 1.5)
      }
    }
    return u0
  }

  /// The problem on `(0, tEnd)` (SciMLBenchmarks: 11.5) with the sparsity pattern as
  /// `jacPrototype`; not autonomous (the forcing starts at t = 1.1: pass it as a `tstop`).
  public static func problem(n: Int = 32, tEnd: Double = 11.5) -> ODEProblem<Brusselator2D> {
    let model = Brusselator2D(n: n)
    return ODEProblem(
      model, u0: model.initialValue, tspan: (0, tEnd), p: NullParameters(),
      jacPrototype: .sparse(model.jacobianPattern))
  }
}
