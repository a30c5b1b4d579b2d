from bench.executar import main

if __name__ == "__main__":
    main()
