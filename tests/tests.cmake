# One line per test: each area appends its own tessera_add_test()/tessera_add_bench() calls.
