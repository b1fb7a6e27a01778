# Desktop integration: binary, .desktop file, icons, MIME type; and a .deb through CPack.
include(GNUInstallDirs)

install(TARGETS workplan RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/resources/workplan.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/resources/workplan-mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME workplan.xml)
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/workplan.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
# PNG sizes are rendered from the SVG at build time, so there is one source of truth.
set(WORKPLAN_ICON_SIZES 16 22 24 32 48 64 128 256)
set(icon_dir ${CMAKE_BINARY_DIR}/icons/hicolor)
set(icon_pngs)
foreach(size ${WORKPLAN_ICON_SIZES})
    list(APPEND icon_pngs ${icon_dir}/${size}x${size}/workplan.png)
    install(FILES ${icon_dir}/${size}x${size}/workplan.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_executable(workplan_iconrender tools/iconrender.cpp)
target_link_libraries(workplan_iconrender PRIVATE Qt6::Core Qt6::Gui Qt6::Svg)
add_custom_command(OUTPUT ${icon_pngs}
    COMMAND workplan_iconrender ${CMAKE_SOURCE_DIR}/resources/icons/workplan.svg ${icon_dir} ${WORKPLAN_ICON_SIZES}
    DEPENDS workplan_iconrender ${CMAKE_SOURCE_DIR}/resources/icons/workplan.svg
    COMMENT "Rendering the application icon")
add_custom_target(workplan_icons ALL DEPENDS ${icon_pngs})

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
