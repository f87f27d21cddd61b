// swift-tools-version: 6.2
// DifferentialEquations for Swift: a zero-dependency port of the ideas of Julia's
// DifferentialEquations.jl. See README.md and DESIGN notes in the module docs.

import PackageDescription

let package = Package(
  name: "DifferentialEquations",
  products: [
    .library(name: "DifferentialEquations", targets: ["DifferentialEquations"]),
    .library(name: "DiffEqBase", targets: ["DiffEqBase"]),
    .library(name: "DiffEqExplicitRK", targets: ["DiffEqExplicitRK"]),
    .library(name: "DiffEqRosenbrock", targets: ["DiffEqRosenbrock"]),
    .library(name: "DiffEqDDE", targets: ["DiffEqDDE"]),
    .library(name: "DiffEqSDE", targets: ["DiffEqSDE"]),
    .library(name: "DiffEqBDF", targets: ["DiffEqBDF"]),
    .library(name: "DiffEqDAE", targets: ["DiffEqDAE"]),
    .library(name: "MultiScaleArrays", targets: ["MultiScaleArrays"]),
    .library(name: "DiffEqProblemLibrary", targets: ["DiffEqProblemLibrary"]),
    .executable(name: "diffeq-bench", targets: ["DiffEqBenchmarks"]),
  ],
  targets: [
    .target(name: "DiffEqBase"),
    .target(name: "DiffEqExplicitRK", dependencies: ["DiffEqBase"]),
    .target(name: "DiffEqRosenbrock", dependencies: ["DiffEqBase"]),
    .target(name: "DiffEqDDE", dependencies: ["DiffEqBase"]),
    .target(name: "DiffEqSDE", dependencies: ["DiffEqBase"]),
    .target(name: "DiffEqBDF", dependencies: ["DiffEqBase"]),
    .target(name: "DiffEqDAE", dependencies: ["DiffEqBase", "DiffEqBDF"]),
    .target(name: "MultiScaleArrays", dependencies: ["DiffEqBase"]),
    .target(
      name: "DifferentialEquations",
      dependencies: [
        "DiffEqBase", "DiffEqExplicitRK", "DiffEqRosenbrock", "DiffEqDDE", "DiffEqSDE",
        "MultiScaleArrays", "DiffEqBDF", "DiffEqDAE",
      ]),
    .target(
      name: "DiffEqProblemLibrary", dependencies: ["DiffEqBase", "DiffEqDDE", "DiffEqDAE"]),
    .target(name: "CBaseline", path: "Benchmarks/CBaseline"),
    .executableTarget(
      name: "DiffEqBenchmarks",
      dependencies: ["DifferentialEquations", "DiffEqProblemLibrary", "CBaseline"],
      path: "Benchmarks/DiffEqBenchmarks"
    ),
    .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
    .target(
      name: "DiffEqTestSupport",
      dependencies: ["DifferentialEquations", "DiffEqProblemLibrary", "AllocationCounter"],
      path: "Tests/DiffEqTestSupport"
    ),
    .testTarget(name: "DiffEqBaseTests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqExplicitRKTests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqDDETests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqRosenbrockTests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqSDETests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "MultiScaleArraysTests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqBDFTests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DiffEqDAETests", dependencies: ["DiffEqTestSupport"]),
    .testTarget(name: "DifferentialEquationsTests", dependencies: ["DiffEqTestSupport"]),
  ]
)
