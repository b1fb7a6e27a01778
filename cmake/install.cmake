# Desktop integration: binary, .desktop file, icons, MIME type; and a .deb through CPack.
include(GNUInstallDirs)

install(TARGETS workplan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/resources/workplan.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/workplan-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME workplan.xml)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/workplan.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
    set(png ${CMAKE_SOURCE_DIR}/resources/icons/hicolor/${size}x${size}/workplan.png)
    if(EXISTS ${png})
        install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
    endif()
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME workplan)
set(CPACK_PACKAGE_VENDOR "Workplan")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Design and check task workflows")
set(CPACK_PACKAGE_CONTACT "Workplan developers <workplan@localhost>")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_SECTION "office")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
include(CPack)
