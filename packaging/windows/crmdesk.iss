; Inno Setup 6 script: the Windows installer of the one-folder app.
;
;   python packaging\build.py                       (on Windows: dist\crmdesk)
;   iscc /DAppVersion=0.1.0 packaging\windows\crmdesk.iss
;
; gives dist\crmdesk-0.1.0-setup.exe. Installs per user by default (no administrator
; needed: a shop's PC often has none), to %LOCALAPPDATA%\Programs\crmdesk, with a Start
; menu entry for the window and crmdesk-cli.exe on the user's PATH for the command line.
;
; The uninstaller removes only the program. The shop's data stays: the database, its
; backups, label layouts and crash reports are in %LOCALAPPDATA%\crmdesk (crmdesk.paths:
; platformdirs' user data folder), the window's settings in %APPDATA%\crmdesk. Neither is
; written by this installer and there is no [UninstallDelete] section, so uninstalling
; (or installing a newer version over this one) keeps every customer. The databases a shop
; keeps elsewhere (File > Open, --db) are never the installer's either.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Dist "..\..\dist\crmdesk"

[Setup]
AppId={{6B0F4C1E-2D3A-4E58-9C7B-1A2B3C4D5E6F}
AppName=crmdesk
AppVerName=crmdesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=crmdesk
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\crmdesk
DefaultGroupName=crmdesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=crmdesk-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\crmdesk.ico
UninstallDisplayIcon={app}\crmdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
; sign the installer and uninstaller (see README "Packaging"): uncomment with a configured signtool
; SignTool=signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a $f
; SignedUninstaller=yes

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "crmdesk-cli (command line) on PATH"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\crmdesk"; Filename: "{app}\crmdesk.exe"
Name: "{group}\{cm:UninstallProgram,crmdesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\crmdesk"; Filename: "{app}\crmdesk.exe"; Tasks: desktopicon

[Registry]
; crmdesk-cli.exe on the user's PATH (removed again by the uninstaller)
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Check: NeedsAddPath(ExpandConstant('{app}')); Tasks: addtopath

[Run]
Filename: "{app}\crmdesk.exe"; Description: "{cm:LaunchProgram,crmdesk}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Path, Dir: string;
  P: Integer;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  { take {app} off the user's PATH again; the shop's data folders are left alone }
  Dir := ExpandConstant('{app}');
  if RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
  begin
    P := Pos(';' + Uppercase(Dir), Uppercase(Path));
    if P > 0 then
    begin
      Delete(Path, P, Length(Dir) + 1);
      RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path);
    end;
  end;
end;
