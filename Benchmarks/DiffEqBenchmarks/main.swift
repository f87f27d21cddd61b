import CBaseline
import DifferentialEquations
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double { var ts = timespec(); clock_gettime(CLOCK_MONOTONIC, &ts); return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9 }
func best(_ r: Int, _ body: () throws -> Void) rethrows -> Double { var b = Double.infinity; for _ in 0..<r { let t0 = now(); try body(); b = min(b, now() - t0) }; return b }

struct Lorenz: ODEFunction {
  func callAsFunction(_ du: inout [Double], _ u: [Double], _ p: NullParameters, _ t: Double) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }
}
struct LorenzS: ODEFunction {
  func callAsFunction(_ du: inout StaticVector<3, Double>, _ u: StaticVector<3, Double>, _ p: NullParameters, _ t: Double) {
    du[0] = 10.0 * (u[1] - u[0])
    du[1] = u[0] * (28.0 - u[2]) - u[1]
    du[2] = u[0] * u[1] - (8.0 / 3.0) * u[2]
  }
}
let prob = ODEProblem(Lorenz(), u0: [1.0, 0, 0], tspan: (0, 100), p: NullParameters())
let probS = ODEProblem(LorenzS(), u0: StaticVector<3, Double>([1.0, 0, 0]), tspan: (0, 100), p: NullParameters())
var sink = 0.0
if let v = getenv("VARIANT") {
  let which = String(cString: v)
  for _ in 0..<20 {
    if which == "swift" { let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false, dense: false); sink += sol.u.last![0] }
    else if which == "static" { let sol = try solve(probS, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false, dense: false); sink += sol.u.last![0] }
    else { var u: [Double] = [1, 0, 0]; var st = cb_stats(); cb_solve_lorenz(CB_TSIT5, &u, 0, 100, 1e-8, 1e-8, 0.14, 0.08, 10_000_000, &st); sink += u[0] }
  }
  print(sink)
  exit(0)
}
var (ts, tS, tc, tcn) = (1e9, 1e9, 1e9, 1e9)
let three = Int32(CommandLine.arguments.count + 2)
for _ in 0..<200 {
  var t0 = now()
  let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false, dense: false); sink += sol.u.last![0]
  ts = min(ts, now() - t0); t0 = now()
  let sol2 = try solve(probS, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false, dense: false); sink += sol2.u.last![0]
  tS = min(tS, now() - t0); t0 = now()
  var u: [Double] = [1, 0, 0]; var st = cb_stats(); cb_solve_lorenz(CB_TSIT5, &u, 0, 100, 1e-8, 1e-8, 0.14, 0.08, 10_000_000, &st); sink += u[0]
  tc = min(tc, now() - t0)
  t0 = now()
  do { var u: [Double] = [1, 0, 0]; var st = cb_stats(); cb_solve_lorenz_n(three, CB_TSIT5, &u, 0, 100, 1e-8, 1e-8, 0.14, 0.08, 10_000_000, &st); sink += u[0] }
  tcn = min(tcn, now() - t0)
}
print("dynamic C: swift/Cn", ts / tcn, "static/C", tS / tc, "Cn/C", tcn/tc)
print("swift/C", ts / tc, "static/C", tS / tc, "C ms", tc*1000, sink)
var times: [Double] = []
for _ in 0..<100 {
  let t0 = now()
  let sol = try solve(prob, Tsit5(), abstol: 1e-8, reltol: 1e-8, maxIters: 10_000_000, saveEveryStep: false, dense: false); sink += sol.u.last![0]
  times.append((now() - t0) / tc)
}
times.sort()
print("ratios: min", times[0], "p25", times[25], "median", times[50], "p75", times[75], "max", times[99])
