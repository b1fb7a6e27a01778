// The owner of the suite's precompiled header (tests/CMakeLists.txt): nothing to compile
// but the header itself, which every test then reuses.
