"""Instituições locais (rede privada sem fins lucrativos) registradas pelo município ou pela SPS."""
