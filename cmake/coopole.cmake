# coopole_add_module(NAME SOURCES ... DEPS ...)
#   Builds src/NAME as the static library coopole_NAME. Its public headers live in
#   src/NAME/include/coopole/NAME/ and are the only ones other modules may include.
#   Files ending in _test.cpp are left out of the library and built into the unit
#   test executable coopole_NAME_tests, registered with CTest.
function(coopole_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;TESTS" ${ARGN})
  add_library(coopole_${name} STATIC ${ARG_SOURCES})
  target_include_directories(coopole_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(coopole_${name} PUBLIC ${ARG_DEPS})
  if(COOPOLE_TESTS AND ARG_TESTS)
    coopole_add_test(coopole_${name}_tests SOURCES ${ARG_TESTS} DEPS coopole_${name} coopole_test_support LABELS unit)
    target_include_directories(coopole_${name}_tests PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
endfunction()

# coopole_add_module_part(MODULE PART DEPS ... TEST_DEPS ...)
#   For a module split into parts (cooperation, animation): the folder PART/ of the calling
#   directory becomes the static library coopole_MODULE_PART (its *.cpp and store/*.cpp), the
#   unit tests coopole_MODULE_PART_tests (its *_test.cpp) and the web layer
#   coopole_MODULE_PART_web (web/*.cpp). Sources are globbed (CONFIGURE_DEPENDS); the module's
#   public headers live in the calling directory's include/.
function(coopole_add_module_part module part)
  cmake_parse_arguments(ARG "" "" "DEPS;TEST_DEPS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/${part})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/store/*.cpp)
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  file(GLOB tests CONFIGURE_DEPENDS ${dir}/*_test.cpp)
  set(lib coopole_${module}_${part})
  add_library(${lib} STATIC ${sources})
  target_include_directories(${lib} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include PRIVATE ${dir} ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${lib} PUBLIC ${ARG_DEPS})
  if(COOPOLE_TESTS AND tests)
    coopole_add_test(${lib}_tests SOURCES ${tests} DEPS ${lib} coopole_test_support ${ARG_TEST_DEPS} LABELS unit)
    target_include_directories(${lib}_tests PRIVATE ${dir} ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  file(GLOB web_sources CONFIGURE_DEPENDS ${dir}/web/*.cpp)
  list(FILTER web_sources EXCLUDE REGEX "_test\\.cpp$")
  add_library(${lib}_web STATIC ${web_sources})
  target_include_directories(${lib}_web PUBLIC ${dir}/web ${CMAKE_CURRENT_SOURCE_DIR}/web PRIVATE ${dir})
  target_link_libraries(${lib}_web PUBLIC ${lib} coopole_web)
endfunction()

# coopole_add_test(NAME SOURCES ... DEPS ...): a GoogleTest executable registered with CTest.
function(coopole_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name} --gtest_brief=1)
  if("unit" IN_LIST ARG_LABELS)
    set_property(GLOBAL APPEND PROPERTY COOPOLE_UNIT_TESTS ${name})
  endif()
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
  set_tests_properties(${name} PROPERTIES ENVIRONMENT_MODIFICATION
    "COOPOLE_SOURCE_DIR=set:${PROJECT_SOURCE_DIR}")
endfunction()
