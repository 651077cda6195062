// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A constant-product AMM (Uniswap v2 style): reserves, LP shares with a square root, a 0.3% fee,
/// and 256-bit intermediate products.
contract ConstantProductAmm {
    uint256 public reserve0;
    uint256 public reserve1;
    uint256 public totalShares;
    mapping(address => uint256) public shares;
    mapping(address => uint256) public balance0;
    mapping(address => uint256) public balance1;

    uint256 internal constant MINIMUM_LIQUIDITY = 1000;

    event Mint(address indexed provider, uint256 amount0, uint256 amount1, uint256 shares);
    event Swap(address indexed trader, bool zeroForOne, uint256 amountIn, uint256 amountOut);
    event Burn(address indexed provider, uint256 amount0, uint256 amount1);

    error InsufficientLiquidity();
    error InsufficientOutput(uint256 out, uint256 minimum);

    function faucet(uint256 amount0, uint256 amount1) external {
        balance0[msg.sender] += amount0;
        balance1[msg.sender] += amount1;
    }

    function addLiquidity(uint256 amount0, uint256 amount1) external returns (uint256 minted) {
        balance0[msg.sender] -= amount0;
        balance1[msg.sender] -= amount1;
        if (totalShares == 0) {
            minted = sqrt(amount0 * amount1) - MINIMUM_LIQUIDITY;
            totalShares = MINIMUM_LIQUIDITY;
        } else {
            minted = min(amount0 * totalShares / reserve0, amount1 * totalShares / reserve1);
        }
        if (minted == 0) revert InsufficientLiquidity();
        shares[msg.sender] += minted;
        totalShares += minted;
        reserve0 += amount0;
        reserve1 += amount1;
        emit Mint(msg.sender, amount0, amount1, minted);
    }

    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        require(amountIn > 0, "AMM: zero input");
        require(reserveIn > 0 && reserveOut > 0, "AMM: no liquidity");
        uint256 amountInWithFee = amountIn * 997;
        return amountInWithFee * reserveOut / (reserveIn * 1000 + amountInWithFee);
    }

    function swap(bool zeroForOne, uint256 amountIn, uint256 minOut) external returns (uint256 out) {
        if (zeroForOne) {
            out = getAmountOut(amountIn, reserve0, reserve1);
            if (out < minOut) revert InsufficientOutput(out, minOut);
            balance0[msg.sender] -= amountIn;
            balance1[msg.sender] += out;
            reserve0 += amountIn;
            reserve1 -= out;
        } else {
            out = getAmountOut(amountIn, reserve1, reserve0);
            if (out < minOut) revert InsufficientOutput(out, minOut);
            balance1[msg.sender] -= amountIn;
            balance0[msg.sender] += out;
            reserve1 += amountIn;
            reserve0 -= out;
        }
        emit Swap(msg.sender, zeroForOne, amountIn, out);
    }

    function removeLiquidity(uint256 amount) external returns (uint256 out0, uint256 out1) {
        shares[msg.sender] -= amount;
        out0 = amount * reserve0 / totalShares;
        out1 = amount * reserve1 / totalShares;
        totalShares -= amount;
        reserve0 -= out0;
        reserve1 -= out1;
        balance0[msg.sender] += out0;
        balance1[msg.sender] += out1;
        emit Burn(msg.sender, out0, out1);
    }

    /// Babylonian square root, as Uniswap v2's Math.sqrt.
    function sqrt(uint256 y) public pure returns (uint256 z) {
        if (y > 3) {
            z = y;
            uint256 x = y / 2 + 1;
            while (x < z) {
                z = x;
                x = (y / x + x) / 2;
            }
        } else if (y != 0) {
            z = 1;
        }
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
