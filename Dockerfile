# SessionRec service image. Not run by the test suite (no Docker engine on the build machines); see the README's
# "Container" section for what was checked here instead.
#   docker build -t sessionrec --build-arg VERSION=1.2.3 .   (VERSION optional: without .git in the context the
#   build is versioned 0.1.0-alpha.0; MinVer reads the version from git tags when .git is present)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: only what restore reads, so a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props SessionRec.slnx ./
COPY src/SessionRec.Core/SessionRec.Core.csproj src/SessionRec.Core/
COPY src/SessionRec.Models/SessionRec.Models.csproj src/SessionRec.Models/
COPY src/SessionRec.Vectors/SessionRec.Vectors.csproj src/SessionRec.Vectors/
COPY src/SessionRec.Redis/SessionRec.Redis.csproj src/SessionRec.Redis/
COPY src/SessionRec.Server/SessionRec.Server.csproj src/SessionRec.Server/
RUN dotnet restore src/SessionRec.Server/SessionRec.Server.csproj
COPY src/ src/
ARG VERSION=
RUN dotnet publish src/SessionRec.Server/SessionRec.Server.csproj -c Release --no-restore -o /app \
    ${VERSION:+-p:MinVerVersionOverride=$VERSION}

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# libgomp1: the USearch item index's native library needs OpenMP. curl: the HEALTHCHECK below.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The image's own variable (it defaults to 8080); the service then skips its 8000 default.
ENV ASPNETCORE_HTTP_PORTS=8000
EXPOSE 8000
USER app
# /alive checks nothing but the process: a failing check means restart, never "take out of rotation" (/ready).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://localhost:8000/alive || exit 1
ENTRYPOINT ["dotnet", "SessionRec.Server.dll"]
