"""python -m coder"""

if __name__ == "__main__":
    from coder.entry import main

    main()
