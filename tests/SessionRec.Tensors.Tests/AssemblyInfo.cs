// Tests flip engine-wide statics (thread count, forced Vector256 path); running them one at a time keeps those
// switches from leaking into concurrent tests and keeps the suite on at most two cores.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
