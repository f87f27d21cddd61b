import DiffEqTestSupport
import DifferentialEquations
import Testing

@Test(arguments: RKMethods.all.filter { $0.order >= 4 }) func probeTrees(_ method: RKMethod) throws {
  let tableau = method.tableau
  let p = method.order
  let phi = ElementaryWeights(tableau, maxOrder: min(p + 1, 10))
  let trees = RootedTrees.upToOrder10.trees
  let rs = phi.residuals(ofOrder: p + 1, weights: tableau.b, magnitudes: tableau.b.map { abs($0) })
  // residual × γ  = relative defect; tall: single chain; bushy: all children leaves
  func isTall(_ i: Int) -> Bool { var k = i; while !trees[k].children.isEmpty { if trees[k].children.count != 1 { return false }; k = trees[k].children[0] }; return true }
  func isBushy(_ i: Int) -> Bool { trees[i].children.allSatisfy { trees[$0].order == 1 } }
  var out = "\(method.name) p+1=\(p+1):"
  for r in rs { if isTall(r.tree) { out += " tall \(scientific(r.residual / r.target))" }; if isBushy(r.tree) { out += " bushy \(scientific(r.residual / r.target))" } }
  let mx = rs.map { abs($0.residual / $0.target) }.max()!
  let nz = rs.filter { abs($0.residual) > 1e-10 * $0.scale }.count
  out += " max \(scientific(mx)) nonzero \(nz)/\(rs.count)"
  print(out)
}
