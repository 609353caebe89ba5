"""`python -m faqbot` runs the same CLI as the `faqbot` console script."""

from faqbot.launch import main

if __name__ == "__main__":
    main()
