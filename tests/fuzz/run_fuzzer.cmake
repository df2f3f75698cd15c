# Runs one libFuzzer target for CTest (cmake -P): -DFUZZER=exe -DSEEDS=dir -DWORK=dir
# -DSECONDS=n [-DFRESH=ON: empty WORK first and use a fixed seed] [-DDICT=file] -DARTIFACTS=dir.
# New inputs go to WORK (seeds are only read); a crash input is saved in ARTIFACTS and the run
# fails with the command that reproduces it.
foreach(v FUZZER SEEDS WORK SECONDS ARTIFACTS)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_fuzzer.cmake: -D${v}= is required")
  endif()
endforeach()
get_filename_component(name ${FUZZER} NAME)
if(FRESH)
  file(REMOVE_RECURSE ${WORK})
endif()
file(MAKE_DIRECTORY ${WORK} ${ARTIFACTS} ${SEEDS})

# Memory: 2 GB RSS in all, 1 GB for one allocation (a bigger one is a finding, as in the issue's
# "absurd sizes"); one input may take 25 s (under ASan) before it counts as a hang.
set(args -max_total_time=${SECONDS} -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=25
         -print_final_stats=1 -artifact_prefix=${ARTIFACTS}/${name}-)
if(FRESH)
  list(APPEND args -seed=1)
endif()
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
message(STATUS "${FUZZER} ${args} ${WORK} ${SEEDS}")
execute_process(COMMAND ${FUZZER} ${args} ${WORK} ${SEEDS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${name} failed (${rc}). The input is in ${ARTIFACTS}/${name}-*; "
                      "reproduce with: ${FUZZER} <that file>")
endif()
