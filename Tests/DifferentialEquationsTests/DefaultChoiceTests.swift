import DiffEqProblemLibrary
import DiffEqTestSupport
import DifferentialEquations
import Foundation
import Testing

@Suite("The default choice: solve(prob)")
struct DefaultChoiceTests {
  /// The rows of the table in DefaultODEPolicy.swift's doc comment.
  static func documentedRows() throws -> [[String]] {
    let here = #filePath
    let root = here.components(separatedBy: "/Tests/")[0]
    let path = root + "/Sources/DifferentialEquations/DefaultODEPolicy.swift"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.hasPrefix("/// |") && !$0.contains("---") && !$0.contains("| n |") }
      .map { line in
        line.dropFirst(4).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      }
  }

  @Test("the documented default table matches the code")
  func documentedTable() throws {
    let rows = try Self.documentedRows()
    #expect(rows.count >= 10)
    for row in rows {
      try #require(row.count == 6, "\(row)")
      let n = try #require(Int(row[0]))
      let reltol = try #require(Double(row[1]))
      let hints: Set<ODEAlgorithmHint> =
        row[4] == "stiff" ? [.stiff] : row[4] == "nonstiff" ? [.nonstiff] : []
      let choice = DefaultODEPolicy.choice(
        count: n, reltol: reltol, hasMassMatrix: row[2] == "yes",
        sparseJacobian: row[3] == "sparse", hints: hints)
      #expect(choice.description == row[5], "\(row) gives \(choice)")
    }
  }

  @Test("solve(prob) follows the policy: method names, hints and the reason recorded")
  func solveFollowsPolicy() throws {
    let lorenz = Lorenz.problem(tspan: (0, 1))
    let loose = try solve(lorenz)
    #expect(loose.retcode == .success)
    #expect(loose.algorithm == "AutoTsit5(Rosenbrock23)")
    #expect(loose.algorithmChoice?.reason?.contains("n = 3") == true)
    let tight = try solve(lorenz, abstol: 1e-12, reltol: 1e-11)
    #expect(tight.algorithm == "AutoVern9(Rodas5P)")
    let stiff = try solve(Hires.problem(), algHints: [.stiff], reltol: 1e-6)
    #expect(stiff.algorithm == "Rodas5P")
    #expect(stiff.algorithmChoice == nil)
    let nonstiff = try solve(lorenz, algHints: [.nonstiff], reltol: 1e-8)
    #expect(nonstiff.algorithm == "Vern7")
    let middle = try solve(lorenz, reltol: 1e-6)
    #expect(middle.algorithm == "AutoVern7(Rodas5P)")
    let medium = try solve(HeatEquation1D.problem(n: 200, tEnd: 0.01))
    #expect(medium.algorithm == "AutoTsit5(Rosenbrock23)")
    let sparse = try solve(Brusselator2D.problem(n: 8, tEnd: 2), tstops: [1.1])
    #expect(sparse.algorithm == "AutoTsit5(FBDF)")
    #expect(sparse.algorithmChoice?.reason?.contains("sparse") == true)
    let big = try solve(HeatEquation1D.problem(n: 500, tEnd: 0.001))
    #expect(big.algorithm == "AutoTsit5(FBDF)")
  }

  @Test("solve(prob) at default tolerances succeeds on stiff, non-stiff and switching problems")
  func defaultsSucceed() throws {
    #expect(try solve(Hires.problem()).retcode == .success)
    #expect(try solve(Orego.problem()).retcode == .success)
    #expect(try solve(VanDerPol.problem()).retcode == .success)
    #expect(try solve(Pollu.problem()).retcode == .success)
    #expect(try solve(Rober.problem(), abstol: [1e-10, 1e-10, 1e-6]).retcode == .success)
    #expect(try solve(Pleiades.problem()).retcode == .success)
    #expect(try solve(Arenstorf.problem()).retcode == .success)
    #expect(try solve(VanDerPolOscillator.problem(mu: 1000, tEnd: 3000)).retcode == .success)
    #expect(try solve(ChemicalAkzoNobel.problem()).retcode == .success)
  }
}
