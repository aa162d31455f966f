"""python -m coder"""

if __name__ == "__main__":    # (a helper process imports this module too: keep it light)
    from coder.cli import main

    main()
