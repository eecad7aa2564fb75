<#
.SYNOPSIS
  Installs or upgrades the etwcorr collector service on this host. Run elevated.
.PARAMETER Source
  Folder holding the jpackage app image (etwcorr-collector.exe, app\, runtime\).
.PARAMETER Config
  The collector.yaml to install.
#>
param(
  [Parameter(Mandatory = $true)] [string] $Source,
  [Parameter(Mandatory = $true)] [string] $Config,
  [string] $InstallDir = "$env:ProgramFiles\etwcorr-collector",
  [string] $ConfigDir = "$env:ProgramData\etwcorr"
)
$ErrorActionPreference = 'Stop'
$serviceName = 'etwcorr-collector'
$exe = Join-Path $InstallDir 'etwcorr-collector.exe'
$configFile = Join-Path $ConfigDir 'collector.yaml'

$existing = Get-Service -Name $serviceName -ErrorAction SilentlyContinue
if ($existing -and $existing.Status -ne 'Stopped') {
  Stop-Service -Name $serviceName   # the collector flushes to Kafka or its spool on stop
}

New-Item -ItemType Directory -Force -Path $InstallDir, $ConfigDir | Out-Null
Copy-Item -Recurse -Force -Path (Join-Path $Source '*') -Destination $InstallDir
Copy-Item -Force -Path $Config -Destination $configFile
# The config may hold Kafka credentials: SYSTEM and Administrators only.
icacls $ConfigDir /inheritance:r /grant:r 'SYSTEM:(OI)(CI)F' 'Administrators:(OI)(CI)F' | Out-Null

if (-not $existing) {
  & $exe install --config $configFile
  if ($LASTEXITCODE -ne 0) { throw "etwcorr-collector install failed ($LASTEXITCODE)" }
}
Start-Service -Name $serviceName
Get-Service -Name $serviceName
