; Reviewed against the Inno Setup help (isetup.xml, isx.xml, isxfunc.xml, ispp.xml at jrsoftware/issrc
; is-6_7_3 and 7.1.0: [Setup] directives, Constants, [Files]/[Icons]/[Run]/[Tasks]/[Languages] flags,
; Event Functions, Support Functions, Setup Exit Codes, ISCC/ISPP command line) on 2026-11-30;
; untested until run on Windows.
;
; Pol's Windows installer (Inno Setup 6.3 or later, or 7). Built by `python packaging/build.py --installer`,
; which passes AppVersion, SourceDir (dist\Pol) and RepoDir; see the README's section for IT.
;
; Silent install for IT, with the office's server written to the machine-wide setting:
;   Pol-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /SERVER=postgresql+psycopg://HOST/pol
; writes %ProgramData%\Pol\pol.ini:
;   [database]
;   url = postgresql+psycopg://HOST/pol
; A password in the URL is never written (each clerk signs in with their own login).
; Exit codes: 0 done; 1 /SERVER refused (no scheme), nothing installed; 20 installed, but pol.ini
; could not be written (see the /LOG).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef RepoDir
  #define RepoDir AddBackslash(SourcePath) + "..\.."
#endif
#ifndef SourceDir
  #define SourceDir RepoDir + "\dist\Pol"
#endif

[Setup]
; The AppId identifies Pol to Windows' uninstall list across versions: never change it.
AppId={{6E0C2B7A-3F4D-4B8E-9A51-5C1D2E7F9B30}
AppName=Pol
AppVerName=Pol {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Pol
VersionInfoVersion={#AppVersion}
; Per machine, under Program Files: an administrator installs once for every clerk of the desk.
PrivilegesRequired=admin
DefaultDirName={autopf}\Pol
DefaultGroupName=Pol
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#RepoDir}\resources\icons\pol.ico
UninstallDisplayIcon={app}\Pol.exe
UninstallDisplayName=Pol
WizardStyle=modern
Compression=lzma2
SolidCompression=yes
OutputBaseFilename=Pol-{#AppVersion}-setup
; A running Pol holds its files open: ask it (and other users' copies) to close first.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
; Persian first: it is the default when the desktop's UI language is not matched.
; Farsi.isl is an unofficial translation from Inno Setup's own repository (Files\Languages\
; Unofficial); build.py downloads it next to this script, as Inno Setup's installer lacks it.
Name: "fa"; MessagesFile: "{#SourcePath}Farsi.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
fa.LaunchPol=اجرای پل
en.LaunchPol=Start Pol
fa.PasswordRemoved=گذرواژهٔ نشانی سرور در تنظیمات نوشته نشد؛ هر کاربر با نام کاربری خود وارد می‌شود.
en.PasswordRemoved=The password in the server URL was not written; each user signs in with their own login.
fa.BadServer=نشانی سرور باید مانند postgresql+psycopg://SERVER/pol باشد.
en.BadServer=The server URL must look like postgresql+psycopg://SERVER/pol.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole frozen folder: Pol.exe (the window), pol-cli.exe (the command line) and _internal\.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Pol"; Filename: "{app}\Pol.exe"; WorkingDir: "{app}"; IconFilename: "{app}\Pol.exe"
Name: "{autodesktop}\Pol"; Filename: "{app}\Pol.exe"; WorkingDir: "{app}"; IconFilename: "{app}\Pol.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\Pol.exe"; Description: "{cm:LaunchPol}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: the uninstaller removes only what Setup installed. The users' databases,
; backups and logs (%LOCALAPPDATA%\Pol) and the machine-wide %ProgramData%\Pol\pol.ini stay.

[Code]
var
  ServerUrl: String;
  IniFailed: Boolean;

{ The URL without a password, read the way SQLAlchemy reads it (user up to ':', '/' or '@'; the
  password from ':' to the first '@'): scheme://user:secret@host/db becomes scheme://user@host/db. }
function WithoutPassword(const Url: String; var Removed: Boolean): String;
var
  HostStart, I, At: Integer;
  Rest: String;
begin
  Result := Url;
  Removed := False;
  if Pos('://', Url) = 0 then
    Exit;
  HostStart := Pos('://', Url) + 3;
  Rest := Copy(Url, HostStart, Length(Url));
  I := 1;
  while (I <= Length(Rest)) and (Rest[I] <> ':') and (Rest[I] <> '/') and (Rest[I] <> '@') do
    I := I + 1;
  if (I > Length(Rest)) or (Rest[I] <> ':') then
    Exit;
  At := Pos('@', Rest);
  if At <= I then
    Exit;  { host:port, no user information }
  Removed := True;
  Result := Copy(Url, 1, HostStart - 1) + Copy(Rest, 1, I - 1) + Copy(Rest, At, Length(Rest));
end;

function InitializeSetup(): Boolean;
var
  Removed: Boolean;
begin
  Result := True;
  ServerUrl := Trim(ExpandConstant('{param:SERVER|}'));
  if ServerUrl = '' then
    Exit;
  if Pos('://', ServerUrl) = 0 then
  begin
    { A wrong URL must not reach fifty desks: stop before anything is installed (exit code 1). }
    SuppressibleMsgBox(CustomMessage('BadServer'), mbError, MB_OK, IDOK);
    Log('Refused /SERVER without a scheme: ' + ServerUrl);
    Result := False;
    Exit;
  end;
  ServerUrl := WithoutPassword(ServerUrl, Removed);
  if Removed then
  begin
    Log('Removed the password from /SERVER');
    SuppressibleMsgBox(CustomMessage('PasswordRemoved'), mbInformation, MB_OK, IDOK);
  end;
end;

procedure CurStepChanged(CurStep: TSetupStep);
var
  Folder: String;
  Lines: TArrayOfString;
begin
  if (CurStep <> ssPostInstall) or (ServerUrl = '') then
    Exit;
  Folder := ExpandConstant('{commonappdata}\Pol');
  ForceDirectories(Folder);
  SetArrayLength(Lines, 2);
  Lines[0] := '[database]';
  Lines[1] := 'url = ' + ServerUrl;
  { No BOM: Pol reads the file as plain UTF-8 with configparser. }
  if SaveStringsToUTF8FileWithoutBOM(Folder + '\pol.ini', Lines, False) then
    Log('Wrote ' + Folder + '\pol.ini')
  else
  begin
    { An exception here would not fail Setup: at ssPostInstall Setup only shows it and goes on to
      exit code 0. Say so (suppressible), and fail through GetCustomSetupExitCode instead. }
    IniFailed := True;
    Log('Could not write ' + Folder + '\pol.ini');
    SuppressibleMsgBox('Could not write ' + Folder + '\pol.ini', mbCriticalError, MB_OK, IDOK);
  end;
end;

function GetCustomSetupExitCode(): Integer;
begin
  if IniFailed then
    Result := 20
  else
    Result := 0;
end;
