# Debian's xapian-config.cmake only sets XAPIAN_LIBRARIES / XAPIAN_INCLUDE_DIR;
# give the rest of the build a proper imported target to link against.
find_package(xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
