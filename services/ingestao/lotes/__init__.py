"""Lotes: cada arquivo recebido, com quem enviou, quando, checksum, contagens e situação."""
