; Inno Setup script for OnePane (build the one-folder bundle first: see packaging/README.md).
;   iscc packaging\windows\onepane.iss
; Installs per user (no administrator rights) or, when run elevated / chosen in the wizard, per
; machine; adds a Start menu entry and registers the onepane:// URL scheme for screen pops.

#define AppName "OnePane"
#define AppVersion "0.1.0"
#define AppExe "OnePane.exe"

[Setup]
AppId={{6F2D3B1E-7C44-4E55-9A0B-0E1A2B3C4D5E}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=OnePane
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
OutputDir=..\..\dist\installer
OutputBaseFilename=OnePane-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\OnePane\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\Uninstall {#AppName}"; Filename: "{uninstallexe}"

[Registry]
; onepane://lookup?phone=… opens (or hands over to) the running console.
; HKA = HKCU for a per-user install, HKLM for a per-machine install.
Root: HKA; Subkey: "Software\Classes\onepane"; ValueType: string; ValueName: ""; ValueData: "URL:OnePane lookup"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\onepane"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\onepane\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\onepane\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" pop ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent
