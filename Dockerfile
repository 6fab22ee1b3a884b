# SessionRec service image. Not exercised by the test suite (no Docker engine on the build machines); it follows
# what the tests prove: the Release build of src/SessionRec.Server, configured through environment variables.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SessionRec.Server -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# libgomp1: the USearch item index's native library needs OpenMP.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:8000
EXPOSE 8000
USER app
ENTRYPOINT ["dotnet", "SessionRec.Server.dll"]
